import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '../../lib/types';
import { buildDoctor, buildMe, buildPatient, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { UsersPage } from './users-page';

const AUTH = { auth: { access: 'a', refresh: 'r' } };
// A whole page with a two-step dialog on top: slower than most tests on a loaded machine.
const SLOW = 45_000;

function adminWithUsers() {
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('admin', { id: 1 }))),
    http.get('/api/users/', () => HttpResponse.json(paginated([]))),
  );
}

describe('admin adds people from the users page', () => {
  it('adds a doctor, then their working hours with the doctor’s own editor', async () => {
    adminWithUsers();
    const bodies: Record<string, unknown[]> = { doctors: [], hours: [] };
    const hours: WorkingHours[] = [];
    server.use(
      http.post('/api/doctors/', async ({ request }) => {
        const body = (await request.json()) as { user: { username: string } };
        bodies.doctors.push(body);
        if (body.user.username === 'taken') {
          return HttpResponse.json({ user: { username: ['A user with that username already exists.'] } }, { status: 400 });
        }
        return HttpResponse.json(buildDoctor({ id: 42, full_name: 'Dr. Rosalind Franklin' }), { status: 201 });
      }),
      http.get('/api/working-hours/', ({ request }) => {
        expect(new URL(request.url).searchParams.get('doctor')).toBe('42');
        return HttpResponse.json(hours);
      }),
      http.post('/api/working-hours/', async ({ request }) => {
        const body = (await request.json()) as Omit<WorkingHours, 'id'>;
        bodies.hours.push(body);
        hours.push({ id: hours.length + 1, ...body, start_time: `${body.start_time}:00`, end_time: `${body.end_time}:00` });
        return HttpResponse.json(hours[hours.length - 1], { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<UsersPage />, AUTH);

    await user.click(await screen.findByRole('button', { name: 'Add doctor' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a doctor' });
    // Set, not typed key by key: the point is the requests, and typing into this big form is slow.
    const type = (label: string | RegExp, text: string) => fireEvent.change(within(dialog).getByLabelText(label), { target: { value: text } });
    type(/^First name/, 'Rosalind');
    type(/^Last name/, 'Franklin');
    type(/^Email/, 'rf@example.com');
    type(/^Username/, 'taken');
    type(/^Initial password/, 'Helix-Photo-51!');
    type(/^Specialty/, 'Radiology');
    await user.click(within(dialog).getByRole('button', { name: 'Add doctor' }));
    // The nested account error sits at its field.
    expect(await within(dialog).findByText('A user with that username already exists.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Username/)).toHaveAttribute('aria-invalid', 'true');

    type(/^Username/, 'rfranklin');
    await user.click(within(dialog).getByRole('button', { name: 'Add doctor' }));
    const hoursDialog = await screen.findByRole('dialog', { name: 'Working hours of Dr. Rosalind Franklin' });
    expect(bodies.doctors[1]).toMatchObject({
      user: { username: 'rfranklin', email: 'rf@example.com', password: 'Helix-Photo-51!', first_name: 'Rosalind', last_name: 'Franklin' },
      specialization: 'Radiology',
    });

    await user.click(within(hoursDialog).getByRole('button', { name: 'Add hours' }));
    expect(await within(hoursDialog).findByRole('button', { name: /Monday 09:00–17:00/ })).toBeInTheDocument();
    expect(bodies.hours).toEqual([{ doctor: 42, weekday: 0, start_time: '09:00', end_time: '17:00' }]);

    await user.click(within(hoursDialog).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Added Dr. Rosalind Franklin.')).toBeInTheDocument();
  }, SLOW);

  it('registers a patient without a password', async () => {
    adminWithUsers();
    const posted: unknown[] = [];
    server.use(
      http.post('/api/patients/', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(buildPatient({ user: { id: 9, username: 'ada@example.com', email: 'ada@example.com', first_name: 'Ada', last_name: 'King' } }), { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<UsersPage />, AUTH);

    await user.click(await screen.findByRole('button', { name: 'Add patient' }));
    const dialog = screen.getByRole('dialog', { name: 'Register a patient' });
    await user.type(within(dialog).getByLabelText(/^First name/), 'Ada');
    await user.type(within(dialog).getByLabelText(/^Last name/), 'King');
    await user.type(within(dialog).getByLabelText(/^Email/), 'ada@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Register' }));

    expect(await screen.findByText(/Registered Ada King\./)).toBeInTheDocument();
    expect(posted).toEqual([{ user: { username: 'ada@example.com', email: 'ada@example.com', first_name: 'Ada', last_name: 'King' } }]);
  }, SLOW);
});
