import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { AppointmentTime } from '../../components/appointment-time';
import { ErrorState, LoadingState } from '../../components/page-states';
import { SlotPicker } from '../../components/slot-picker';
import { useGetSettingsQuery } from '../../lib/api';
import { useGetDoctorQuery } from '../../lib/doctor-api';
import { errorMessage, errorStatus, SLOT_TAKEN_MESSAGE } from '../../lib/errors';
import { useCurrentUser } from '../../lib/session';
import type { Appointment, ClinicSettings, Role, Slot } from '../../lib/types';
import { useRescheduleAppointmentMutation } from './api';
import { isInsideCutoff } from './cutoff';
import { CutoffNotice } from './cutoff-notice';

/**
 * What happens to the visit's status when it moves (the API's rule: a patient's move needs the
 * doctor's confirmation again unless bookings are confirmed automatically).
 */
export function statusAfterMove(appointment: Appointment, role: Role | undefined, settings: ClinicSettings | undefined) {
  if (role === 'patient' && settings && !settings.auto_confirm) return 'pending';
  return appointment.status;
}

export function moveConfirmationNote(appointment: Appointment, role: Role | undefined, settings: ClinicSettings | undefined) {
  const after = statusAfterMove(appointment, role, settings);
  if (after === 'pending' && appointment.status === 'confirmed') {
    return 'Your visit is confirmed now. The new time will need the doctor’s confirmation again.';
  }
  if (after === 'pending') return 'The new time stays pending until the doctor confirms it.';
  return `The visit stays ${after === 'confirmed' ? 'confirmed' : after} at the new time; no new confirmation is needed.`;
}

/**
 * Moves an appointment to another free slot, chosen with the same picker used for booking, for
 * a visit of the same type. The cutoff is a patient's rule: staff (`enforceCutoff={false}`) may
 * move a visit at any time.
 */
export function RescheduleDialog({
  appointment,
  onClose,
  enforceCutoff = true,
}: {
  appointment: Appointment;
  onClose: (rescheduled: boolean, moved?: Appointment) => void;
  enforceCutoff?: boolean;
}) {
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('md'));
  const doctor = useGetDoctorQuery(appointment.doctor);
  const { data: settings } = useGetSettingsQuery();
  const { me } = useCurrentUser();
  const [selected, setSelected] = useState<Slot | null>(null);
  const [reschedule, { isLoading, error, reset }] = useRescheduleAppointmentMutation();
  const blocked = enforceCutoff && settings !== undefined && isInsideCutoff(appointment, settings.cancellation_cutoff_hours);
  const taken = errorStatus(error) === 409;

  async function handleConfirm() {
    if (!selected) return;
    const result = await reschedule({ id: appointment.id, appointment_time: selected.start });
    if (!('error' in result)) onClose(true, result.data);
    else if (errorStatus(result.error) === 409) setSelected(null);
  }

  return (
    <Dialog open onClose={() => onClose(false)} fullScreen={fullScreen} fullWidth maxWidth="lg" aria-labelledby="reschedule-dialog-title">
      <DialogTitle id="reschedule-dialog-title">Reschedule appointment</DialogTitle>
      <DialogContent>
        <Box sx={{ mb: 2 }}>
          <Typography sx={{ fontWeight: 600 }}>{appointment.doctor_name}</Typography>
          <Typography variant="body2" color="text.secondary" component="div">
            Currently: <AppointmentTime value={appointment.appointment_time} timeZone={doctor.data?.timezone ?? appointment.doctor_timezone} />
          </Typography>
        </Box>
        {settings && !blocked && (
          <Alert severity="info" role="note" sx={{ mb: 2 }}>
            {moveConfirmationNote(appointment, me?.role, settings)}
          </Alert>
        )}
        {enforceCutoff && settings && <CutoffNotice appointment={appointment} cutoffHours={settings.cancellation_cutoff_hours} action="reschedule" />}
        {error && (
          <Alert severity={taken ? 'warning' : 'error'} role="alert" sx={{ mb: 2 }}>
            {taken ? SLOT_TAKEN_MESSAGE : errorMessage(error, { includeFields: true })}
          </Alert>
        )}
        {doctor.error ? (
          <ErrorState error={doctor.error} onRetry={doctor.refetch} />
        ) : !doctor.data ? (
          <LoadingState label="Loading free times…" />
        ) : (
          !blocked && (
            <SlotPicker
              doctorId={appointment.doctor}
              timeZone={doctor.data.timezone}
              selectedStart={selected?.start}
              disabledStarts={[appointment.appointment_time]}
              visitTypeId={appointment.visit_type}
              onSelect={(slot) => {
                reset();
                setSelected(slot);
              }}
            />
          )
        )}
        {selected && doctor.data && (
          <Alert severity="success" role="status" icon={false} sx={{ mt: 2 }}>
            New time: <AppointmentTime value={selected.start} timeZone={doctor.data.timezone} />
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={() => onClose(false)}>Keep current time</Button>
        <Button variant="contained" onClick={handleConfirm} disabled={!selected || blocked} loading={isLoading}>
          Confirm new time
        </Button>
      </DialogActions>
    </Dialog>
  );
}
