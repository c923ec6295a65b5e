import Alert from '@mui/material/Alert';
import { formatInZone, userTimeZone } from '../../lib/time';
import type { Appointment } from '../../lib/types';
import { cutoffDeadline, isInsideCutoff } from './cutoff';

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** Explains the clinic's cancellation cutoff for this appointment (`action`: "cancel" or "reschedule"). */
export function CutoffNotice({
  appointment,
  cutoffHours,
  action,
}: {
  appointment: Appointment;
  cutoffHours: number;
  action: 'cancel' | 'reschedule';
}) {
  if (cutoffHours <= 0) return null;
  if (isInsideCutoff(appointment, cutoffHours)) {
    return (
      <Alert severity="warning" role="status" sx={{ mb: 2 }}>
        This appointment starts in less than {hoursText(cutoffHours)}. Appointments can only be cancelled or
        rescheduled online up to {hoursText(cutoffHours)} before they start, so you can&apos;t {action} it here.
        Please call the clinic.
      </Alert>
    );
  }
  const deadline = formatInZone(cutoffDeadline(appointment, cutoffHours), userTimeZone(), 'EEE d MMM, HH:mm');
  return (
    <Alert severity="info" role="status" sx={{ mb: 2 }}>
      You can cancel or reschedule online up to {hoursText(cutoffHours)} before the start, that is until {deadline}.
    </Alert>
  );
}
