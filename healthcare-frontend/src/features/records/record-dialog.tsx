import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { fieldErrors, formAlert } from '../../lib/errors';
import { formatInZone, userTimeZone, zoneAbbreviation } from '../../lib/time';
import type { Appointment, MedicalRecord } from '../../lib/types';
import { useCreateMedicalRecordMutation, useUpdateMedicalRecordMutation } from './api';

const FIELDS = ['diagnosis', 'notes', 'prescription'] as const;

/** Writes a new record for an appointment, or edits one (the server keeps every version). */
export function RecordDialog({
  appointment,
  record,
  onClose,
  timeZone = userTimeZone(),
}: {
  appointment: Appointment;
  record?: MedicalRecord;
  onClose: (saved: boolean) => void;
  /** Whose clock the visit's time is on: the page's (the doctor's own on the doctor's pages). */
  timeZone?: string;
}) {
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [values, setValues] = useState({
    diagnosis: record?.diagnosis ?? '',
    notes: record?.notes ?? '',
    prescription: record?.prescription ?? '',
  });
  const [create, creation] = useCreateMedicalRecordMutation();
  const [update, updating] = useUpdateMedicalRecordMutation();
  const error = record ? updating.error : creation.error;
  const errors = fieldErrors(error);
  const alert = formAlert(error, FIELDS);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const result = record
      ? await update({ id: record.id, ...values })
      : await create({ appointment: appointment.id, ...values });
    if (!('error' in result)) onClose(true);
  }

  return (
    <Dialog open onClose={() => onClose(false)} fullScreen={fullScreen} fullWidth maxWidth="md" aria-labelledby="record-dialog-title">
      <Box component="form" onSubmit={handleSubmit} noValidate>
        <DialogTitle id="record-dialog-title">{record ? 'Edit medical record' : 'New medical record'}</DialogTitle>
        <DialogContent>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {appointment.patient_name} · visit on{' '}
            {formatInZone(appointment.appointment_time, timeZone, 'EEEE d MMMM yyyy, HH:mm')}{' '}
            {zoneAbbreviation(appointment.appointment_time, timeZone)}
            {record && ' · the previous version is kept in the record history'}
          </Typography>
          {alert && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {alert}
            </Alert>
          )}
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {FIELDS.map((name) => (
              <TextField
                key={name}
                label={name === 'notes' ? 'Clinical notes' : name === 'diagnosis' ? 'Diagnosis' : 'Prescription'}
                multiline
                minRows={name === 'notes' ? 4 : 2}
                value={values[name]}
                onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                error={Boolean(errors[name])}
                helperText={errors[name]?.join(' ')}
              />
            ))}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => onClose(false)}>Cancel</Button>
          <Button type="submit" variant="contained" loading={creation.isLoading || updating.isLoading}>
            Save record
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
