import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildAppointment, buildDoctor, buildVisitType, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { SeriesPanel } from './series-panel';

const doctor = buildDoctor({ id: 7, full_name: 'Dr. Anna Smith', timezone: 'Europe/Berlin' });
const hour = buildVisitType({ id: 3, doctor: 7, name: 'Physiotherapy', duration_minutes: 60, buffer_minutes: 15 });
// Across the autumn change: 09:00 CEST, then 09:00 CET a week later, each an hour long.
const dates = [
  { appointment_time: '2027-10-24T09:00:00+02:00', end_time: '2027-10-24T10:00:00+02:00' },
  { appointment_time: '2027-10-31T09:00:00+01:00', end_time: '2027-10-31T10:00:00+01:00' },
];

function serve() {
  const plans: Record<string, unknown>[] = [];
  const bookings: Record<string, unknown>[] = [];
  server.use(
    http.get('/api/visit-types/', () => HttpResponse.json(paginated([hour]))),
    http.get('/api/appointment-series/', () => HttpResponse.json(paginated([]))),
    http.post('/api/appointment-series/', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      if (new URL(request.url).searchParams.get('dry_run') === 'true') {
        plans.push(body);
        const occurrences = dates.map((d) => ({ ...d, conflict: null }));
        return HttpResponse.json({ id: null, patient: 5, doctor: 7, interval_days: 7, appointments: dates, skipped: [], occurrences });
      }
      bookings.push(body);
      const appointments = dates.map((d, n) =>
        buildAppointment({ id: 40 + n, appointment_time: d.appointment_time, end_time: d.end_time, visit_type: 3, visit_type_name: 'Physiotherapy' }),
      );
      return HttpResponse.json(
        { id: 9, patient: 5, patient_name: 'Ann Lee', doctor: 7, doctor_name: doctor.full_name, interval_days: 7, reason: '', appointments, skipped: [], created_at: '2027-10-01T10:00:00Z' },
        { status: 201 },
      );
    }),
  );
  return { plans, bookings };
}

describe('series panel', () => {
  it('plans and books every visit as the chosen visit type', async () => {
    const { plans, bookings } = serve();
    const { user } = renderWithProviders(<SeriesPanel patientId={5} ownDoctor={doctor} />, { auth: { access: 'a', refresh: 'r' } });

    const group = await screen.findByRole('radiogroup', { name: 'Type of visit' });
    await user.click(within(group).getByRole('radio', { name: /Physiotherapy.*60 min/ }));
    await user.click(screen.getByRole('button', { name: 'Preview dates' }));

    const planned = await screen.findByRole('list', { name: 'Planned dates' });
    expect(plans[0]).toMatchObject({ patient: 5, visit_type: 3, count: 6, interval_days: 7 });
    const items = within(planned).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/Sun 24 Oct 2027, 09:00 .*–10:00/);
    expect(items[1]).toHaveTextContent(/Sun 31 Oct 2027, 09:00 .*–10:00/);

    await user.click(screen.getByRole('button', { name: 'Book 2 visits' }));
    expect(await screen.findByText(/Booked 2 visits/)).toBeInTheDocument();
    expect(bookings[0]).toMatchObject({ visit_type: 3 });
  });

  it('books plain slots when no visit type is chosen', async () => {
    const { plans } = serve();
    const { user } = renderWithProviders(<SeriesPanel patientId={5} ownDoctor={doctor} />, { auth: { access: 'a', refresh: 'r' } });

    await screen.findByRole('radiogroup', { name: 'Type of visit' });
    await user.click(screen.getByRole('button', { name: 'Preview dates' }));

    await screen.findByRole('list', { name: 'Planned dates' });
    expect(plans[0]).not.toHaveProperty('visit_type');
  });
});
