import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { buildAppointment } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import type { Appointment } from '../../lib/types';
import { DoctorAppointmentRow } from './doctor-appointment-row';

const NOW = new Date('2027-03-01T10:00:00Z');

function renderRow(appointment: Appointment) {
  const onAction = vi.fn();
  const utils = renderWithProviders(
    <ul>
      <DoctorAppointmentRow appointment={appointment} timeZone="Europe/Berlin" busy={false} onAction={onAction} onCancel={vi.fn()} now={NOW} />
    </ul>,
  );
  return { ...utils, onAction, row: screen.getByRole('listitem') };
}

describe('DoctorAppointmentRow', () => {
  it('offers confirm on a visit days ahead, but neither complete nor no-show yet', async () => {
    const { row, user, onAction } = renderRow(
      buildAppointment({ status: 'pending', appointment_time: '2027-03-02T09:00:00Z', end_time: '2027-03-02T09:30:00Z', patient_name: 'Ada Lovelace' }),
    );
    expect(within(row).getByText('10:00–10:30')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'No-show' })).not.toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'Complete' })).not.toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Confirm' }));
    expect(onAction).toHaveBeenCalledWith('confirm');
    // The link says what is on screen first, then whose history it is (label in name).
    expect(within(row).getByRole('link', { name: 'History and records for Ada Lovelace' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/doctor\/patients\/\d+\?appointment=\d+$/),
    );
  });

  it('offers complete from the visit\'s day on, before it starts', () => {
    const { row } = renderRow(
      buildAppointment({ status: 'confirmed', appointment_time: '2027-03-01T15:00:00Z', end_time: '2027-03-01T15:30:00Z' }),
    );
    expect(within(row).getByRole('button', { name: 'Complete' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'No-show' })).not.toBeInTheDocument();
  });

  it('offers no-show once the visit has started', async () => {
    const { row, user, onAction } = renderRow(
      buildAppointment({ status: 'confirmed', appointment_time: '2027-03-01T09:45:00Z', end_time: '2027-03-01T10:15:00Z' }),
    );
    expect(within(row).queryByRole('button', { name: 'Confirm' })).not.toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'No-show' }));
    expect(onAction).toHaveBeenCalledWith('no-show');
  });

  it('offers nothing but the history on a finished visit', () => {
    const { row } = renderRow(buildAppointment({ status: 'completed', appointment_time: '2027-02-28T09:00:00Z', end_time: '2027-02-28T09:30:00Z' }));
    expect(within(row).queryAllByRole('button')).toHaveLength(0);
    expect(within(row).getByRole('link', { name: /^History and records for / })).toBeInTheDocument();
  });
});
