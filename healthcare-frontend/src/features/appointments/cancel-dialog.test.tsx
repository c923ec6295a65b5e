import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { buildAppointment, buildSettings } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { CancelDialog } from './cancel-dialog';

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

function renderDialog(startsInHours: number, cutoffHours = 24) {
  server.use(http.get('/api/settings/', () => HttpResponse.json(buildSettings({ cancellation_cutoff_hours: cutoffHours }))));
  const appointment = buildAppointment({ id: 31, appointment_time: inHours(startsInHours), end_time: inHours(startsInHours + 0.5) });
  const onClose = vi.fn();
  const utils = renderWithProviders(<CancelDialog appointment={appointment} onClose={onClose} />, { auth: { access: 'a', refresh: 'r' } });
  return { ...utils, onClose };
}

describe('CancelDialog', () => {
  it('explains the cutoff and blocks cancelling inside it', async () => {
    renderDialog(5, 24);
    expect(await screen.findByText(/starts in less than 24 hours/i)).toBeInTheDocument();
    expect(screen.getByText(/please call the clinic/i)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel appointment' })).toBeDisabled();
  });

  it('explains the deadline and cancels with the reason outside the cutoff', async () => {
    let body: unknown;
    server.use(
      http.post('/api/appointments/31/cancel/', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(buildAppointment({ id: 31, status: 'cancelled' }));
      }),
    );
    const { user, onClose } = renderDialog(72, 24);

    expect(await screen.findByText(/up to 24 hours before the start/i)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/reason for cancelling/i), 'Feeling better');
    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(body).toEqual({ reason: 'Feeling better' });
  });

  it("shows the API's message when the server refuses", async () => {
    server.use(
      http.post('/api/appointments/31/cancel/', () =>
        HttpResponse.json({ detail: 'Appointments cannot be cancelled less than 24 hours before the start.' }, { status: 400 }),
      ),
    );
    const { user, onClose } = renderDialog(30, 24);
    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Appointments cannot be cancelled less than 24 hours before the start.');
    expect(onClose).not.toHaveBeenCalled();
  });
});
