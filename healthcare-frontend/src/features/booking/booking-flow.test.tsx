import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildAppointment, buildDoctor, buildMe } from '../../testing/builders';
import { LocationProbe } from '../../testing/location-probe';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { DoctorBookingPage } from './doctor-booking-page';

const doctor = buildDoctor({ id: 7, full_name: 'Dr. Anna Smith', timezone: 'UTC' });

/** The doctor, a patient session, and one free slot on every requested first day (10:00 UTC). */
function serveDoctor() {
  const slotRequests: string[] = [];
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
    http.get('/api/doctors/7/', () => HttpResponse.json(doctor)),
    http.get('/api/doctors/7/slots/', ({ request }) => {
      const start = new URL(request.url).searchParams.get('start')!;
      slotRequests.push(start);
      return HttpResponse.json([{ start: `${start}T10:00:00Z`, end: `${start}T10:30:00Z` }]);
    }),
  );
  return slotRequests;
}

function renderPage(auth: { access: string | null; refresh: string | null } = { access: 'a', refresh: 'r' }) {
  return renderWithProviders(<DoctorBookingPage />, {
    path: '/doctors/:doctorId',
    route: '/doctors/7',
    auth,
    routes: [{ path: '/login', element: <LocationProbe /> }],
  });
}

describe('booking flow', () => {
  it('tells the patient the slot was taken on a 409 and refreshes the free slots', async () => {
    const slotRequests = serveDoctor();
    server.use(
      http.post('/api/book-appointment/', () =>
        HttpResponse.json({ detail: 'This slot is no longer available.' }, { status: 409 }),
      ),
    );
    const { user } = renderPage();

    await user.click(await screen.findByRole('button', { name: /10:00/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Book this appointment' });
    await user.click(within(dialog).getByRole('button', { name: 'Book appointment' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('That slot was just taken, pick another.');
    await vi.waitFor(() => expect(slotRequests.length).toBeGreaterThanOrEqual(2));
    await user.click(within(dialog).getByRole('button', { name: 'Pick another time' }));
    expect(screen.getByRole('alert')).toHaveTextContent('That slot was just taken, pick another.');
  });

  it('books with an idempotency key that is reused on retry, then confirms', async () => {
    serveDoctor();
    const keys: (string | null)[] = [];
    const bodies: unknown[] = [];
    server.use(
      http.post('/api/book-appointment/', async ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        bodies.push(await request.json());
        if (keys.length === 1) return HttpResponse.error(); // the network drops the first try
        return HttpResponse.json(
          buildAppointment({ id: 55, doctor: 7, doctor_name: 'Dr. Anna Smith', status: 'pending', appointment_time: '2030-01-01T10:00:00Z' }),
          { status: 201 },
        );
      }),
    );
    const { user } = renderPage();

    await user.click(await screen.findByRole('button', { name: /10:00/ }));
    const dialog = await screen.findByRole('dialog');
    // The price is stated before the patient commits, in the clinic's currency.
    expect(await within(dialog).findByText(/€\s?120\.00|120\.00\s?€/)).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/reason for visit/i), 'Chest pain');
    await user.click(within(dialog).getByRole('button', { name: 'Book appointment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/could not reach the server/i);
    await user.click(within(dialog).getByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: 'Your appointment is booked' })).toBeInTheDocument();
    expect(screen.getByText('Pending')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add to calendar' })).toBeInTheDocument();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(bodies[1]).toEqual({ doctor: 7, appointment_time: expect.stringMatching(/T10:00:00Z$/), reason: 'Chest pain' });
  });

  it('sends an anonymous visitor to log in and back when they pick a slot', async () => {
    serveDoctor();
    server.use(http.get('/api/me/', () => HttpResponse.json({ detail: 'no' }, { status: 401 })));
    const { user } = renderPage({ access: null, refresh: null });

    await user.click(await screen.findByRole('button', { name: /10:00/ }));
    const location = await screen.findByRole('status', { name: 'location' });
    const next = new URLSearchParams(location.textContent!.split('?')[1]).get('next')!;
    expect(next).toMatch(/^\/doctors\/7\?start=.*T10%3A00%3A00Z&end=/);
  });

  it('opens the booking form on the slot picked before logging in', async () => {
    serveDoctor();
    const { user } = renderWithProviders(<DoctorBookingPage />, {
      path: '/doctors/:doctorId',
      route: '/doctors/7?start=2027-03-02T10%3A00%3A00Z&end=2027-03-02T10%3A30%3A00Z',
      auth: { access: 'a', refresh: 'r' },
    });

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Tuesday 2 March 2027, 10:00/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
