import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { AppointmentTime } from '../../components/appointment-time';
import { CalendarButton } from '../../components/calendar-button';
import { StatusChip } from '../../components/status-chip';
import { useCurrency } from '../../lib/api';
import { formatMoney } from '../../lib/format';
import type { Appointment } from '../../lib/types';
import { isChangeable } from './cutoff';

export function PatientAppointmentCard({
  appointment,
  onReschedule,
  onCancel,
}: {
  appointment: Appointment;
  onReschedule: () => void;
  onCancel: () => void;
}) {
  const changeable = isChangeable(appointment);
  const currency = useCurrency();
  return (
    <Card component="article" aria-label={`Appointment with ${appointment.doctor_name}`}>
      <CardContent sx={{ display: 'flex', flexDirection: { xs: 'column', sm: 'row' }, gap: 2, justifyContent: 'space-between' }}>
        <Box sx={{ minWidth: 0 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 0.5 }}>
            <Typography variant="h3" component="h3" sx={{ fontSize: '1.05rem' }}>
              {appointment.doctor_name}
            </Typography>
            <StatusChip status={appointment.status} />
          </Box>
          <AppointmentTime value={appointment.appointment_time} end={appointment.end_time} timeZone={appointment.doctor_timezone} />
          {(appointment.visit_type_name || appointment.fee) && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {[appointment.visit_type_name, appointment.fee && `Fee: ${formatMoney(appointment.fee, currency)}`]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          )}
          {appointment.reason && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              Reason: {appointment.reason}
            </Typography>
          )}
          {appointment.status === 'cancelled' && appointment.cancellation_reason && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              Cancellation reason: {appointment.cancellation_reason}
            </Typography>
          )}
        </Box>
        {changeable && (
          <Box
            sx={{
              // Phones: "Add to calendar" on its own row, then the two changes side by side.
              display: 'grid',
              gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(3, auto)' },
              gap: 1,
              alignItems: 'start',
              alignSelf: { xs: 'stretch', sm: 'flex-start' },
            }}
          >
            <Box sx={{ gridColumn: { xs: '1 / -1', sm: 'auto' } }}>
              <CalendarButton appointmentId={appointment.id} size="small" />
            </Box>
            <Button size="small" variant="outlined" onClick={onReschedule}>
              Reschedule
            </Button>
            <Button size="small" variant="outlined" color="error" onClick={onCancel}>
              Cancel
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
