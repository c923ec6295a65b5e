import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { StatusChip } from '../../components/status-chip';
import { WaitingChip } from '../../components/waiting-chip';
import { VisuallyHidden } from '../../components/visually-hidden';
import { dateInZone, formatTimeRange } from '../../lib/time';
import type { Appointment, AppointmentAction } from '../../lib/types';

export function DoctorAppointmentRow({
  appointment,
  timeZone,
  busy,
  onAction,
  onCancel,
  now = new Date(),
}: {
  appointment: Appointment;
  timeZone: string;
  busy: boolean;
  onAction: (action: AppointmentAction) => void;
  onCancel: () => void;
  now?: Date;
}) {
  const active = appointment.status === 'pending' || appointment.status === 'confirmed';
  const started = new Date(appointment.appointment_time).getTime() <= now.getTime();
  // Completing a visit days ahead is a slip, not a plan: offered from the visit's day on (on the
  // doctor's clock); the API still allows it earlier for visits that really happen early.
  const visitDayReached = dateInZone(appointment.appointment_time, timeZone) <= dateInZone(now, timeZone);
  const time = formatTimeRange(appointment.appointment_time, appointment.end_time, timeZone);
  return (
    <Box
      component="li"
      aria-label={`${time} ${appointment.patient_name}`}
      sx={{
        listStyle: 'none',
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '110px 1fr auto' },
        gap: { xs: 1, md: 2 },
        alignItems: 'center',
        py: 1.5,
        px: 2,
        borderBottom: '1px solid',
        borderColor: 'divider',
        opacity: appointment.status === 'cancelled' ? 0.6 : 1,
        '&:last-of-type': { borderBottom: 0 },
      }}
    >
      <Typography sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{time}</Typography>
      <Box sx={{ minWidth: 0 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 600 }}>{appointment.patient_name}</Typography>
          <StatusChip status={appointment.status} />
          <WaitingChip appointment={appointment} timeZone={timeZone} now={now} />
        </Box>
        {appointment.visit_type_name && (
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            {appointment.visit_type_name}
          </Typography>
        )}
        {appointment.reason && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {appointment.reason}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: { md: 'flex-end' } }}>
        {appointment.status === 'pending' && (
          <Button size="small" variant="contained" disabled={busy} onClick={() => onAction('confirm')}>
            Confirm
          </Button>
        )}
        {active && visitDayReached && (
          <Button size="small" variant="outlined" color="success" disabled={busy} onClick={() => onAction('complete')}>
            Complete
          </Button>
        )}
        {/* Only once the start time has passed (the API refuses it before): a greyed-out button on
            every future visit was noise, and its tooltip out of reach on touch screens. */}
        {active && started && (
          <Button size="small" variant="outlined" color="warning" disabled={busy} onClick={() => onAction('no-show')}>
            No-show
          </Button>
        )}
        {active && (
          <Button size="small" color="error" disabled={busy} onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button
          size="small"
          component={RouterLink}
          to={`/doctor/patients/${appointment.patient}?appointment=${appointment.id}`}
        >
          History and records<VisuallyHidden> for {appointment.patient_name}</VisuallyHidden>
        </Button>
      </Box>
    </Box>
  );
}
