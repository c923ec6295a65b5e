import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { StatusChip } from '../../components/status-chip';
import { VisuallyHidden } from '../../components/visually-hidden';
import { WaitingChip } from '../../components/waiting-chip';
import { formatTimeRange } from '../../lib/time';
import type { Appointment } from '../../lib/types';

/** One visit on the front desk's board: who, when, what, and what the desk can do about it. */
export function DeskVisitCard({
  appointment,
  timeZone,
  busy,
  onCheckIn,
  onReschedule,
  onCancel,
  now,
}: {
  appointment: Appointment;
  timeZone: string;
  busy: boolean;
  onCheckIn: () => void;
  onReschedule: () => void;
  onCancel: () => void;
  now?: Date;
}) {
  const active = appointment.status === 'pending' || appointment.status === 'confirmed';
  const time = formatTimeRange(appointment.appointment_time, appointment.end_time, timeZone);
  const who = <VisuallyHidden> {appointment.patient_name} at {time}</VisuallyHidden>;
  return (
    <Box
      component="li"
      aria-label={`${time} ${appointment.patient_name}`}
      sx={{
        listStyle: 'none',
        p: 1.25,
        border: '1px solid',
        borderColor: appointment.checked_in_at && active ? 'warning.main' : 'divider',
        borderRadius: 2,
        bgcolor: 'background.paper',
        opacity: active || appointment.status === 'completed' ? 1 : 0.6,
      }}
    >
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, alignItems: 'baseline' }}>
        <Typography sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{time}</Typography>
        <StatusChip status={appointment.status} />
      </Box>
      <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{appointment.patient_name}</Typography>
      {appointment.visit_type_name && (
        <Typography variant="body2" color="text.secondary">
          {appointment.visit_type_name}
        </Typography>
      )}
      <Box sx={{ mt: 0.5 }}>
        <WaitingChip appointment={appointment} timeZone={timeZone} now={now} />
      </Box>
      {active && (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
          {!appointment.checked_in_at && (
            <Button size="small" variant="contained" disabled={busy} onClick={onCheckIn}>
              Check in{who}
            </Button>
          )}
          <Button size="small" variant="outlined" disabled={busy} onClick={onReschedule}>
            Reschedule{who}
          </Button>
          <Button size="small" color="error" disabled={busy} onClick={onCancel}>
            Cancel{who}
          </Button>
        </Box>
      )}
    </Box>
  );
}
