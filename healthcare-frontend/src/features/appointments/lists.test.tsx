import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildAppointment, buildMe, buildPatient, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { PatientHistoryView } from '../records/patient-history';
import { MyAppointmentsPage } from './my-appointments-page';

describe('appointment lists', () => {
  it('asks for upcoming (pending or confirmed) visits, and for the rest under Past', async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
      http.get('/api/appointments/', ({ request }) => {
        const when = new URL(request.url).searchParams.get('when');
        asked.push(when);
        const status = when === 'past' ? 'cancelled' : 'confirmed';
        return HttpResponse.json(paginated([buildAppointment({ status, doctor_timezone: 'Europe/Berlin' })]));
      }),
    );
    const { user } = renderWithProviders(<MyAppointmentsPage />, { auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByText('Confirmed')).toBeInTheDocument();
    // On the doctor's clock, with its abbreviation.
    expect(screen.getAllByText(/CET/).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('tab', { name: 'Past' }));
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(asked).toEqual(['upcoming', 'past']);
  });

  it('history shows what happened, and other doctors’ visits as date, doctor and specialty only', () => {
    const past = buildAppointment({ id: 1, appointment_time: '2020-03-01T09:00:00+01:00', reason: 'Back pain' });
    const planned = buildAppointment({ id: 2, appointment_time: '2099-03-01T09:00:00+01:00', reason: 'Planned' });
    const elsewhere = {
      id: 3,
      doctor: 9,
      doctor_name: 'Dr. Other',
      doctor_timezone: 'Europe/Berlin',
      specialization: 'Dermatology',
      appointment_time: '2021-05-01T09:00:00+02:00',
      end_time: '2021-05-01T09:30:00+02:00',
    };
    renderWithProviders(
      <PatientHistoryView
        history={{ patient: buildPatient(), appointments: [past, planned, elsewhere], medical_records: [] }}
        authorDoctorId={1}
      />,
    );
    expect(screen.getByText(/Back pain/)).toBeInTheDocument();
    expect(screen.queryByText(/Planned/)).not.toBeInTheDocument();
    expect(screen.getByText(/Dr\. Other · Dermatology/)).toBeInTheDocument();
  });
});
