import Chip from '@mui/material/Chip';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import { formatInZone } from '../lib/time';
import type { Appointment } from '../lib/types';

/** Whether the patient has arrived and is still waiting (checked in, visit not yet over). */
export function isWaiting(appointment: Appointment): boolean {
  return Boolean(appointment.checked_in_at) && (appointment.status === 'pending' || appointment.status === 'confirmed');
}

/** Minutes since the patient checked in, never negative (clocks differ by a little). */
export function minutesWaiting(checkedInAt: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(checkedInAt).getTime()) / 60_000));
}

/** "Waiting since 09:12 (14 min)": shown on a checked-in visit to the doctor and the front desk. */
export function WaitingChip({ appointment, timeZone, now }: { appointment: Appointment; timeZone: string; now?: Date }) {
  if (!appointment.checked_in_at) return null;
  const since = formatInZone(appointment.checked_in_at, timeZone, 'HH:mm');
  if (!isWaiting(appointment)) return <Chip size="small" variant="outlined" label={`Arrived ${since}`} />;
  return (
    <Chip
      size="small"
      color="warning"
      icon={<HourglassTopIcon />}
      label={`Waiting since ${since} (${minutesWaiting(appointment.checked_in_at, now)} min)`}
    />
  );
}
