import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildAppointment, buildDoctor, buildMe, buildPatient, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { minutesWaiting } from '../../components/waiting-chip';
import { FrontDeskPage } from './front-desk-page';

const smith = buildDoctor({ id: 1, full_name: 'Dr. Sarah Smith', timezone: 'UTC' });
const jones = buildDoctor({ id: 2, full_name: 'Dr. Michael Jones', timezone: 'UTC' });
const today = new Date().toISOString().slice(0, 10);

function serve(appointments: ReturnType<typeof buildAppointment>[]) {
  const checkIns: string[] = [];
  let visits = appointments;
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('front_desk'))),
    http.get('/api/doctors/', () => HttpResponse.json(paginated([smith, jones]))),
    http.get('/api/appointments/', () => HttpResponse.json(paginated(visits))),
    http.post('/api/appointments/:id/check-in/', ({ params }) => {
      checkIns.push(String(params.id));
      visits = visits.map((v) => (String(v.id) === params.id ? { ...v, checked_in_at: new Date().toISOString() } : v));
      return HttpResponse.json(visits.find((v) => String(v.id) === params.id));
    }),
  );
  return checkIns;
}

describe('front desk', () => {
  it("shows every doctor's day side by side and checks a patient in", async () => {
    const checkIns = serve([
      buildAppointment({ id: 11, doctor: 1, patient_name: 'Alice Walker', appointment_time: `${today}T09:00:00Z`, end_time: `${today}T09:45:00Z`, visit_type_name: 'First consultation', checked_in_at: null }),
      buildAppointment({ id: 12, doctor: 2, doctor_name: 'Dr. Michael Jones', patient_name: 'Bob Meyer', appointment_time: `${today}T10:00:00Z`, end_time: `${today}T10:30:00Z`, checked_in_at: `${today}T09:50:00Z` }),
    ]);
    const { user } = renderWithProviders(<FrontDeskPage />, { auth: { access: 'a', refresh: 'r' } });

    const smithColumn = await screen.findByRole('region', { name: 'Today with Dr. Sarah Smith' });
    const jonesColumn = screen.getByRole('region', { name: 'Today with Dr. Michael Jones' });
    expect(within(smithColumn).getByText('Alice Walker')).toBeInTheDocument();
    expect(within(smithColumn).getByText('First consultation')).toBeInTheDocument();
    expect(within(jonesColumn).getByText(/Waiting since 09:50/)).toBeInTheDocument();
    const waitingRoom = screen.getByRole('region', { name: 'Waiting room' });
    expect(waitingRoom).toHaveTextContent('Bob Meyer');
    expect(waitingRoom).not.toHaveTextContent('Alice Walker');

    await user.click(within(smithColumn).getByRole('button', { name: /Check in Alice Walker/ }));

    await vi.waitFor(() => expect(checkIns).toEqual(['11']));
    expect(await within(waitingRoom).findByText('Alice Walker')).toBeInTheDocument();
    expect(within(smithColumn).queryByRole('button', { name: /Check in/ })).not.toBeInTheDocument();
  });

  it("shows the waiting room's times in the zone of the doctor's column, wherever the desk's browser is", async () => {
    const berlin = buildDoctor({ id: 3, full_name: 'Dr. Lena Vogel', timezone: 'Europe/Berlin' });
    serve([]);
    server.use(
      http.get('/api/doctors/', () => HttpResponse.json(paginated([berlin]))),
      http.get('/api/appointments/', () =>
        HttpResponse.json(
          paginated([
            buildAppointment({ id: 21, doctor: 3, doctor_name: 'Dr. Lena Vogel', doctor_timezone: 'Europe/Berlin', patient_name: 'Bob Meyer', appointment_time: '2027-01-12T09:00:00Z', end_time: '2027-01-12T09:30:00Z', checked_in_at: '2027-01-12T08:50:00Z' }),
          ]),
        ),
      ),
    );
    renderWithProviders(<FrontDeskPage />, { auth: { access: 'a', refresh: 'r' } });

    const column = await screen.findByRole('region', { name: 'Today with Dr. Lena Vogel' });
    expect(within(column).getByText(/Waiting since 09:50/)).toBeInTheDocument();
    const waitingRoom = screen.getByRole('region', { name: 'Waiting room' });
    expect(waitingRoom).toHaveTextContent('for Dr. Lena Vogel at 10:00 · waiting since 09:50');
  });

  it('finds a patient and books for them with their id', async () => {
    serve([]);
    const alice = buildPatient({ id: 5, user: { id: 9, username: 'alice', first_name: 'Alice', last_name: 'Walker', email: 'alice@example.com' } });
    const bodies: unknown[] = [];
    server.use(
      http.get('/api/patients/', ({ request }) =>
        HttpResponse.json(paginated(new URL(request.url).searchParams.get('search') === 'ali' ? [alice] : [])),
      ),
      http.get('/api/doctors/1/slots/', () => HttpResponse.json([{ start: `${today}T15:00:00Z`, end: `${today}T15:30:00Z` }])),
      http.post('/api/book-appointment/', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(buildAppointment({ id: 30, patient: 5, status: 'pending' }), { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<FrontDeskPage />, { auth: { access: 'a', refresh: 'r' } });

    await user.type(await screen.findByRole('textbox', { name: 'Find a patient' }), 'ali');
    await user.click(await screen.findByRole('button', { name: /Alice Walker/ }));
    await user.click(screen.getByRole('combobox', { name: 'Doctor' }));
    await user.click(await screen.findByRole('option', { name: /Dr. Sarah Smith/ }));
    await user.click(await screen.findByRole('button', { name: /15:00/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Book this appointment' });
    expect(dialog).toHaveTextContent('Alice Walker');
    await user.click(within(dialog).getByRole('button', { name: 'Book appointment' }));

    expect(await within(dialog).findByText(/Booked for Alice Walker/)).toBeInTheDocument();
    expect(bodies[0]).toMatchObject({ doctor: 1, patient: 5, appointment_time: `${today}T15:00:00Z` });
  }, 40_000);

  it('counts whole minutes of waiting and never a negative wait', () => {
    const now = new Date('2027-03-01T10:00:00Z');
    expect(minutesWaiting('2027-03-01T09:45:30Z', now)).toBe(14);
    expect(minutesWaiting('2027-03-01T10:01:00Z', now)).toBe(0);
  });
});
