import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { REFRESH_STORAGE_KEY } from '../../lib/auth-slice';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { LoginPage } from './login-page';

async function submit(user: ReturnType<typeof renderWithProviders>['user'], username: string, password: string) {
  if (username) await user.type(screen.getByLabelText(/username or email/i), username);
  if (password) await user.type(screen.getByLabelText(/^password/i), password);
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('shows API field errors at their fields', async () => {
    server.use(
      http.post('/api/token/', () =>
        HttpResponse.json({ username: ['This field may not be blank.'], password: ['This field may not be blank.'] }, { status: 400 }),
      ),
    );
    const { user } = renderWithProviders(<LoginPage />, { route: '/login' });
    await submit(user, '', '');

    await waitFor(() => expect(screen.getByLabelText(/username or email/i)).toHaveAccessibleDescription('This field may not be blank.'));
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription('This field may not be blank.');
    expect(screen.getByLabelText(/username or email/i)).toHaveAttribute('aria-invalid', 'true');
  });

  it('says "Invalid credentials" on a 401', async () => {
    server.use(http.post('/api/token/', () => HttpResponse.json({ detail: 'No active account found with the given credentials' }, { status: 401 })));
    const { user } = renderWithProviders(<LoginPage />, { route: '/login' });
    await submit(user, 'pat', 'wrong-password');
    expect(await screen.findByRole('alert')).toHaveTextContent(/invalid credentials/i);
  });

  it.each([429, 403])('shows the lockout detail on a %i', async (status) => {
    server.use(
      http.post('/api/token/', () => HttpResponse.json({ detail: 'Too many failed attempts. Try again in 15 minutes.' }, { status })),
    );
    const { user } = renderWithProviders(<LoginPage />, { route: '/login' });
    await submit(user, 'pat', 'wrong-password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed attempts. Try again in 15 minutes.');
  });

  it('keeps the access token in memory and the refresh token in sessionStorage', async () => {
    let body: unknown;
    server.use(
      http.post('/api/token/', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ access: 'access-token', refresh: 'refresh-token' });
      }),
    );
    const { user, store } = renderWithProviders(<LoginPage />, { route: '/login' });
    await submit(user, 'pat@example.com', 'Secret123!');

    await vi.waitFor(() => expect(store.getState().auth.access).toBe('access-token'));
    expect(body).toEqual({ username: 'pat@example.com', password: 'Secret123!' });
    expect(window.sessionStorage.getItem(REFRESH_STORAGE_KEY)).toBe('refresh-token');
    expect(window.localStorage.length).toBe(0);
  });

  it('asks for the two-factor code when the account needs one, and sends it', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/token/', async ({ request }) => {
        const body = (await request.json()) as Record<string, string>;
        bodies.push(body);
        if (!body.otp) return HttpResponse.json({ detail: 'Two-factor authentication is on for this account.', code: 'otp_required' }, { status: 401 });
        if (body.otp !== '123456') return HttpResponse.json({ detail: 'This code is not valid.', code: 'otp_invalid' }, { status: 401 });
        return HttpResponse.json({ access: 'access-token', refresh: 'refresh-token' });
      }),
    );
    const { user, store } = renderWithProviders(<LoginPage />, { route: '/login' });
    expect(screen.queryByLabelText(/authentication code/i)).not.toBeInTheDocument();
    await submit(user, 'dr.smith', 'Demo12345!');

    expect(await screen.findByRole('alert')).toHaveTextContent(/6-digit code from your authenticator app/i);
    await user.type(screen.getByLabelText(/authentication code/i), '000000');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText(/that code is not valid/i)).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/authentication code/i));
    await user.type(screen.getByLabelText(/authentication code/i), '123456');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    await vi.waitFor(() => expect(store.getState().auth.access).toBe('access-token'));
    expect(bodies.at(-1)).toEqual({ username: 'dr.smith', password: 'Demo12345!', otp: '123456' });
  });
});
