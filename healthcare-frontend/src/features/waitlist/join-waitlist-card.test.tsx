import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildDoctor, buildMe, buildVisitType, buildWaitlistEntry, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { DoctorBookingPage } from '../booking/doctor-booking-page';

const doctor = buildDoctor({ id: 7, full_name: 'Dr. Anna Smith', timezone: 'UTC' });
const hour = buildVisitType({ id: 3, doctor: 7, name: 'Long consultation', duration_minutes: 60 });

function joinFromTheDoctorsPage() {
  const bodies: Record<string, unknown>[] = [];
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
    http.get('/api/doctors/7/', () => HttpResponse.json(doctor)),
    http.get('/api/visit-types/', () => HttpResponse.json(paginated([hour]))),
    http.get('/api/doctors/7/slots/', () => HttpResponse.json([])),
    http.post('/api/waitlist/', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push(body);
      return HttpResponse.json(buildWaitlistEntry({ doctor: 7, visit_type: 3, visit_type_name: hour.name }), { status: 201 });
    }),
  );
  const rendered = renderWithProviders(<DoctorBookingPage />, {
    path: '/doctors/:doctorId',
    route: '/doctors/7',
    auth: { access: 'a', refresh: 'r' },
  });
  return { ...rendered, bodies };
}

describe('"Notify me when a time frees up"', () => {
  it('waits for the visit type chosen above the times', async () => {
    const { user, bodies } = joinFromTheDoctorsPage();

    const group = await screen.findByRole('radiogroup', { name: 'Type of visit' });
    await user.click(within(group).getByRole('radio', { name: /Long consultation/ }));
    await user.click(screen.getByRole('button', { name: 'Notify me when a time frees up' }));
    const form = screen.getByRole('form', { name: 'Join the waitlist' });
    expect(form).toHaveTextContent('Waiting for: Long consultation (60 min)');
    await user.click(within(form).getByRole('button', { name: 'Join the waitlist' }));

    expect(await screen.findByText(/You're on the waitlist/)).toBeInTheDocument();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ doctor: 7, visit_type: 3 });
    expect(bodies[0]).not.toHaveProperty('patient');
  });

  it('sends no visit type for a standard visit', async () => {
    const { user, bodies } = joinFromTheDoctorsPage();

    await screen.findByRole('radiogroup', { name: 'Type of visit' });
    await user.click(screen.getByRole('button', { name: 'Notify me when a time frees up' }));
    await user.click(screen.getByRole('button', { name: 'Join the waitlist' }));

    await screen.findByText(/You're on the waitlist/);
    expect(bodies[0]).not.toHaveProperty('visit_type');
  });
});
