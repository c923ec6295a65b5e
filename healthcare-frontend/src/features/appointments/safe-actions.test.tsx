import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildAppointment, buildDoctor, buildMe, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { DoctorDashboardPage } from './doctor-dashboard-page';

describe("the doctor's day: safe actions", () => {
  it('asks before completing a visit, and does nothing on "Go back"', async () => {
    const doctor = buildDoctor({ timezone: 'UTC' });
    const start = new Date(Date.now() - 60_000); // under way: today on any clock
    const visit = buildAppointment({
      status: 'confirmed',
      patient_name: 'Ada Lovelace',
      appointment_time: start.toISOString(),
      end_time: new Date(start.getTime() + 30 * 60_000).toISOString(),
    });
    const posted: string[] = [];
    server.use(
      http.get('/api/me/', () => HttpResponse.json(buildMe('doctor', { doctor }))),
      http.get('/api/appointments/', () => HttpResponse.json(paginated([visit]))),
      http.post('/api/appointments/:id/:action/', ({ params }) => {
        posted.push(String(params.action));
        return HttpResponse.json({ ...visit, status: 'completed' });
      }),
    );
    const { user } = renderWithProviders(<DoctorDashboardPage />, { auth: { access: 'a', refresh: 'r' } });

    const row = (await screen.findAllByRole('listitem', { name: /Ada Lovelace/ }))[0];
    await user.click(within(row).getByRole('button', { name: 'Complete' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark this visit as completed?' });
    expect(dialog).toHaveTextContent('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(posted).toEqual([]);

    await user.click(within(row).getByRole('button', { name: 'Complete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Mark completed' }));
    expect(await screen.findByText('Visit marked as completed.')).toBeInTheDocument();
    expect(posted).toEqual(['complete']);
  });
});
