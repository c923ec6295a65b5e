import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildDoctor, buildMe, paginated } from '../testing/builders';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';
import { DoctorBookingPage } from '../features/booking/doctor-booking-page';

const doctor = buildDoctor({ id: 7, full_name: 'Dr. Anna Smith', timezone: 'UTC', slot_minutes: 15, consultation_fee: '60.00' });
const firstVisit = { id: 3, doctor: 7, name: 'First consultation', duration_minutes: 45, buffer_minutes: 15, fee: '120.00', active: true };
const retired = { ...firstVisit, id: 4, name: 'Old check', active: false };

function serve() {
  const slotQueries: (string | null)[] = [];
  const bodies: unknown[] = [];
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
    http.get('/api/doctors/7/', () => HttpResponse.json(doctor)),
    http.get('/api/visit-types/', () => HttpResponse.json(paginated([firstVisit, retired]))),
    http.get('/api/doctors/7/slots/', ({ request }) => {
      const params = new URL(request.url).searchParams;
      slotQueries.push(params.get('visit_type'));
      const start = params.get('start')!;
      return HttpResponse.json([{ start: `${start}T10:00:00Z`, end: `${start}T10:45:00Z` }]);
    }),
    http.post('/api/book-appointment/', async ({ request }) => {
      bodies.push(await request.json());
      return HttpResponse.json({ detail: 'Taken' }, { status: 409 });
    }),
  );
  return { slotQueries, bodies };
}

describe('choosing a visit type', () => {
  it('offers the active types with length and fee, asks for their slots and books them', async () => {
    const { slotQueries, bodies } = serve();
    const { user } = renderWithProviders(<DoctorBookingPage />, {
      path: '/doctors/:doctorId',
      route: '/doctors/7',
      auth: { access: 'a', refresh: 'r' },
    });

    await screen.findByRole('heading', { name: 'Choose a time' });
    const group = screen.getByRole('radiogroup', { name: 'Type of visit' });
    expect(within(group).getByRole('radio', { name: /Standard visit.*15 min/ })).toBeChecked();
    expect(within(group).queryByRole('radio', { name: /Old check/ })).not.toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: /First consultation.*45 min.*120\.00/ }));

    await vi.waitFor(() => expect(slotQueries).toContain('3'));
    await user.click(await screen.findByRole('button', { name: /10:00/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Book this appointment' });
    expect(dialog).toHaveTextContent('First consultation · 45 minutes');
    expect(dialog).toHaveTextContent('120.00');
    await user.click(within(dialog).getByRole('button', { name: 'Book appointment' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ doctor: 7, visit_type: 3 });
  });

  it('shows no choice for a doctor without visit types', async () => {
    server.use(
      http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
      http.get('/api/doctors/7/', () => HttpResponse.json(doctor)),
      http.get('/api/doctors/7/slots/', () => HttpResponse.json([])),
    );
    renderWithProviders(<DoctorBookingPage />, { path: '/doctors/:doctorId', route: '/doctors/7', auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByRole('heading', { name: 'Choose a time' })).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });
});
