import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { RegisterPage } from './register-page';

async function fillForm(user: ReturnType<typeof renderWithProviders>['user']) {
  await user.type(screen.getByLabelText(/first name/i), 'Pat');
  await user.type(screen.getByLabelText(/last name/i), 'Jones');
  await user.type(screen.getByLabelText(/^username/i), 'pat');
  await user.type(screen.getByLabelText(/^email/i), 'pat@example.com');
  await user.type(screen.getByLabelText(/^phone/i), '+14155550123');
  await user.type(screen.getByLabelText(/^password/i), 'password');
}

describe('RegisterPage', () => {
  it('shows API field errors at their fields', async () => {
    server.use(
      http.post('/api/registrations/', () =>
        HttpResponse.json(
          {
            username: ['A user with that username already exists.'],
            email: ['Enter a valid email address.'],
            password: ['This password is too common.'],
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = renderWithProviders(<RegisterPage />, { route: '/register' });
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await waitFor(() => expect(screen.getByLabelText(/^username/i)).toHaveAccessibleDescription('A user with that username already exists.'));
    expect(screen.getByLabelText(/^email/i)).toHaveAccessibleDescription('Enter a valid email address.');
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription('This password is too common.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a detail error as an alert', async () => {
    server.use(http.post('/api/registrations/', () => HttpResponse.json({ detail: 'Registration is closed.' }, { status: 403 })));
    const { user } = renderWithProviders(<RegisterPage />, { route: '/register' });
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Registration is closed.');
  });

  it('registers, omits empty optional fields, and logs the new patient in', async () => {
    let registration: Record<string, unknown> = {};
    server.use(
      http.post('/api/registrations/', async ({ request }) => {
        registration = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ id: 5, username: 'pat', email: 'pat@example.com', first_name: 'Pat', last_name: 'Jones', role: 'patient', patient_id: 9 }, { status: 201 });
      }),
      http.post('/api/token/', () => HttpResponse.json({ access: 'a', refresh: 'r' })),
    );
    const { user, store } = renderWithProviders(<RegisterPage />, { route: '/register' });
    await fillForm(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    await vi.waitFor(() => expect(store.getState().auth.refresh).toBe('r'));
    expect(registration).toEqual({
      username: 'pat',
      email: 'pat@example.com',
      password: 'password',
      first_name: 'Pat',
      last_name: 'Jones',
      phone: '+14155550123',
    });
  });
});
