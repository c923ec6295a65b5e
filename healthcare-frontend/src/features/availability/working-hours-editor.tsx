import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TimeField } from '../../components/date-time-field';
import { FormAlert } from '../../components/form-alert';
import { ErrorState, LoadingState } from '../../components/page-states';
import { type AnyApiError, errorMessage, fieldErrors, fieldProps, formAlert } from '../../lib/errors';
import type { WorkingHours } from '../../lib/types';
import {
  useCreateWorkingHoursMutation,
  useDeleteWorkingHoursMutation,
  useListWorkingHoursQuery,
  useUpdateWorkingHoursMutation,
} from './api';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FIELDS = ['weekday', 'start_time', 'end_time'];

const hhmm = (time: string) => time.slice(0, 5);

function FormErrors({ error }: { error: AnyApiError }) {
  return <FormAlert sx={{ mb: 2 }}>{formAlert(error, FIELDS)}</FormAlert>;
}

export function WorkingHoursEditor({ doctorId }: { doctorId: number }) {
  const { data, error, isLoading, refetch } = useListWorkingHoursQuery(doctorId);
  const [create, creation] = useCreateWorkingHoursMutation();
  const [remove, removal] = useDeleteWorkingHoursMutation();
  const [draft, setDraft] = useState({ weekday: 0, start_time: '09:00', end_time: '17:00' });
  const [editing, setEditing] = useState<WorkingHours | null>(null);
  const [deleting, setDeleting] = useState<WorkingHours | null>(null);
  const errors = fieldErrors(creation.error);

  async function handleAdd(event: FormEvent) {
    event.preventDefault();
    await create({ doctor: doctorId, ...draft }).unwrap().catch(() => undefined);
  }

  if (error) return <ErrorState error={error} title="We couldn't load your working hours" onRetry={refetch} />;
  if (isLoading || !data) return <LoadingState label="Loading working hours…" />;

  return (
    <Box>
      <Box component="form" onSubmit={handleAdd} noValidate aria-label="Add working hours" sx={{ mb: 3 }}>
        <FormErrors error={creation.error} />
        <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '1.3fr 1fr 1fr auto' }, alignItems: 'start' }}>
          <TextField
            select
            size="small"
            label="Weekday"
            value={draft.weekday}
            onChange={(e) => setDraft({ ...draft, weekday: Number(e.target.value) })}
            {...fieldProps(errors, 'weekday')}
          >
            {WEEKDAYS.map((name, index) => (
              <MenuItem key={name} value={index}>
                {name}
              </MenuItem>
            ))}
          </TextField>
          <TimeField
            size="small"
            label="From"
            value={draft.start_time}
            onChange={(start) => setDraft({ ...draft, start_time: start })}
            {...fieldProps(errors, 'start_time')}
          />
          <TimeField
            size="small"
            label="To"
            value={draft.end_time}
            onChange={(end) => setDraft({ ...draft, end_time: end })}
            {...fieldProps(errors, 'end_time')}
          />
          <Button type="submit" variant="contained" startIcon={<AddIcon />} loading={creation.isLoading} sx={{ height: 40 }}>
            Add hours
          </Button>
        </Box>
      </Box>
      {removal.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorMessage(removal.error)}
        </Alert>
      )}
      <Box component="dl" sx={{ m: 0 }}>
        {WEEKDAYS.map((name, weekday) => {
          const intervals = data
            .filter((h) => h.weekday === weekday)
            .sort((a, b) => a.start_time.localeCompare(b.start_time));
          return (
            <Box
              key={name}
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '140px 1fr' }, gap: 1, py: 1.25, borderBottom: '1px solid', borderColor: 'divider' }}
            >
              <Typography component="dt" sx={{ fontWeight: 600 }}>
                {name}
              </Typography>
              <Box component="dd" sx={{ m: 0, display: 'flex', flexWrap: 'wrap', gap: 1 }}>
                {intervals.length === 0 ? (
                  <Typography color="text.secondary">Not working</Typography>
                ) : (
                  intervals.map((h) => (
                    <Chip
                      key={h.id}
                      label={`${hhmm(h.start_time)}–${hhmm(h.end_time)}`}
                      onClick={() => setEditing(h)}
                      onDelete={() => setDeleting(h)}
                      color="primary"
                      variant="outlined"
                      // Keeps the visible "09:00–13:00" word for word (label in name), then says how to act on it.
                      aria-label={`${name} ${hhmm(h.start_time)}–${hhmm(h.end_time)}: Enter to edit, Delete to remove`}
                    />
                  ))
                )}
              </Box>
            </Box>
          );
        })}
      </Box>
      {editing && <EditHoursDialog hours={editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${WEEKDAYS[deleting.weekday]} ${hhmm(deleting.start_time)}–${hhmm(deleting.end_time)}?`}
          confirmLabel="Delete hours"
          color="error"
          onConfirm={() => remove(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          Patients will no longer be able to book these hours. Appointments already booked in them stay booked.
        </ConfirmDialog>
      )}
    </Box>
  );
}

function EditHoursDialog({ hours, onClose }: { hours: WorkingHours; onClose: () => void }) {
  const [values, setValues] = useState({ start_time: hhmm(hours.start_time), end_time: hhmm(hours.end_time) });
  const [update, { isLoading, error }] = useUpdateWorkingHoursMutation();
  const errors = fieldErrors(error);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await update({ id: hours.id, ...values });
    if (!('error' in result)) onClose();
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="edit-hours-title">
      <Box component="form" onSubmit={handleSubmit} noValidate>
        <DialogTitle id="edit-hours-title">Edit {WEEKDAYS[hours.weekday]} hours</DialogTitle>
        <DialogContent>
          <FormErrors error={error} />
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TimeField
              label="From"
              value={values.start_time}
              onChange={(time) => setValues({ ...values, start_time: time })}
              {...fieldProps(errors, 'start_time')}
            />
            <TimeField
              label="To"
              value={values.end_time}
              onChange={(time) => setValues({ ...values, end_time: time })}
              {...fieldProps(errors, 'end_time')}
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" loading={isLoading}>
            Save
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
