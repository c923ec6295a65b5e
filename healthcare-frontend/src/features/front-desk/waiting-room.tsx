import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { isWaiting, minutesWaiting } from '../../components/waiting-chip';
import { formatInZone, userTimeZone } from '../../lib/time';
import type { Appointment } from '../../lib/types';

/** Who has arrived and is still waiting, longest wait first. */
export function WaitingRoom({ appointments, now = new Date() }: { appointments: Appointment[]; now?: Date }) {
  const zone = userTimeZone();
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
            for {appointment.doctor_name} at {formatInZone(appointment.appointment_time, zone, 'HH:mm')} · waiting since{' '}
            {formatInZone(appointment.checked_in_at ?? '', zone, 'HH:mm')} (
            {minutesWaiting(appointment.checked_in_at ?? '', now)} min)
          </Typography>
        </li>
      ))}
    </Box>
  );
}
