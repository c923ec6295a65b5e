import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { isWaiting, minutesWaiting } from '../../components/waiting-chip';
import { formatInZone } from '../../lib/time';
import type { Appointment } from '../../lib/types';

/** Who has arrived and is still waiting, longest wait first; times in the doctor's zone, as
 * the doctor's column on the board shows them. */
export function WaitingRoom({ appointments, now = new Date() }: { appointments: Appointment[]; now?: Date }) {
  const waiting = appointments
    .filter(isWaiting)
    .sort((a, b) => (a.checked_in_at ?? '').localeCompare(b.checked_in_at ?? ''));
  if (waiting.length === 0) {
    return <Typography color="text.secondary">Nobody is waiting.</Typography>;
  }
  return (
    <Box component="ol" sx={{ m: 0, pl: 3, display: 'grid', gap: 0.75 }}>
      {waiting.map((appointment) => (
        <li key={appointment.id}>
          <Typography component="span" sx={{ fontWeight: 600 }}>
            {appointment.patient_name}
          </Typography>{' '}
          <Typography component="span" color="text.secondary">
            for {appointment.doctor_name} at {formatInZone(appointment.appointment_time, appointment.doctor_timezone, 'HH:mm')} · waiting since{' '}
            {formatInZone(appointment.checked_in_at ?? '', appointment.doctor_timezone, 'HH:mm')} (
            {minutesWaiting(appointment.checked_in_at ?? '', now)} min)
          </Typography>
        </li>
      ))}
    </Box>
  );
}
