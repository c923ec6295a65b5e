import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AppointmentTime } from '../../components/appointment-time';
import { useGetSettingsQuery } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import type { Appointment } from '../../lib/types';
import { useCancelAppointmentMutation } from './api';
import { isInsideCutoff } from './cutoff';
import { CutoffNotice } from './cutoff-notice';

/**
 * Asks for an optional reason and cancels. For a patient, the clinic's cutoff is explained and
 * enforced here as well as by the server (whose 400 message is shown if it disagrees).
 */
export function CancelDialog({
  appointment,
  onClose,
  enforceCutoff = true,
}: {
  appointment: Appointment;
  onClose: (cancelled: boolean) => void;
  enforceCutoff?: boolean;
}) {
  const { data: settings } = useGetSettingsQuery();
  const [reason, setReason] = useState('');
  const [cancel, { isLoading, error }] = useCancelAppointmentMutation();
  const cutoff = settings?.cancellation_cutoff_hours ?? 0;
  const blocked = enforceCutoff && settings !== undefined && isInsideCutoff(appointment, cutoff);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await cancel({ id: appointment.id, reason: reason.trim() || undefined });
    if (!('error' in result)) onClose(true);
  }

  return (
    <Dialog open onClose={() => onClose(false)} fullWidth maxWidth="sm" aria-labelledby="cancel-dialog-title">
      <Box component="form" onSubmit={handleSubmit} noValidate>
        <DialogTitle id="cancel-dialog-title">Cancel this appointment?</DialogTitle>
        <DialogContent>
          <Box sx={{ mb: 2 }}>
            <Typography sx={{ fontWeight: 600 }}>{appointment.doctor_name}</Typography>
            <AppointmentTime value={appointment.appointment_time} timeZone={appointment.doctor_timezone} />
          </Box>
          {enforceCutoff && settings && <CutoffNotice appointment={appointment} cutoffHours={cutoff} action="cancel" />}
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {errorMessage(error, { includeFields: true })}
            </Alert>
          )}
          <TextField
            label="Reason for cancelling (optional)"
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={blocked}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => onClose(false)}>Keep appointment</Button>
          <Button type="submit" color="error" variant="contained" loading={isLoading} disabled={blocked}>
            Cancel appointment
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
