import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DateField } from '../../components/date-time-field';
import { FormAlert } from '../../components/form-alert';
import { ErrorState, LoadingState } from '../../components/page-states';
import { errorMessage, fieldErrors, fieldProps, formAlert } from '../../lib/errors';
import { formatDateLabel, formatInZone, isIsoDate, todayInZone } from '../../lib/time';
import type { LeaveDay } from '../../lib/types';
import {
  useCreateLeaveDayMutation,
  useDeleteLeaveDayMutation,
  useLeaveConflictsQuery,
  useListLeaveDaysQuery,
} from './api';

const FIELDS = ['start_date', 'end_date', 'reason'];

function range(leave: Pick<LeaveDay, 'start_date' | 'end_date'>): string {
  return leave.start_date === leave.end_date
    ? formatDateLabel(leave.start_date, 'EEE d MMM yyyy')
    : `${formatDateLabel(leave.start_date, 'EEE d MMM')} – ${formatDateLabel(leave.end_date, 'EEE d MMM yyyy')}`;
}

export function LeaveDaysEditor({ doctorId, timeZone }: { doctorId: number; timeZone: string }) {
  const today = todayInZone(timeZone);
  const { data, error, isLoading, refetch } = useListLeaveDaysQuery(doctorId);
  const [create, creation] = useCreateLeaveDayMutation();
  const [remove, removal] = useDeleteLeaveDayMutation();
  const [draft, setDraft] = useState({ start_date: today, end_date: today, reason: '' });
  const [created, setCreated] = useState<LeaveDay | null>(null);
  const [deleting, setDeleting] = useState<LeaveDay | null>(null);
  const errors = fieldErrors(creation.error);
  const alert = formAlert(creation.error, FIELDS);

  async function handleAdd(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const leave = await create({ doctor: doctorId, ...draft, reason: draft.reason.trim() }).unwrap().catch(() => null);
    if (leave) {
      setCreated(leave);
      setDraft({ ...draft, reason: '' });
    }
  }

  if (error) return <ErrorState error={error} title="We couldn't load your leave days" onRetry={refetch} />;
  if (isLoading || !data) return <LoadingState label="Loading leave days…" />;
  const upcoming = [...data].filter((l) => l.end_date >= today).sort((a, b) => a.start_date.localeCompare(b.start_date));

  return (
    <Box>
      <Box component="form" onSubmit={handleAdd} noValidate aria-label="Add leave" sx={{ mb: 2 }}>
        <FormAlert sx={{ mb: 2 }}>{alert}</FormAlert>
        {/* The editor sits in a narrow column on desktop: two dates side by side, then the reason. */}
        <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, alignItems: 'start' }}>
          <DateField
            size="small"
            label="First day"
            value={draft.start_date}
            // A first day after the last one moves the last day along with it.
            onChange={(day) => setDraft({ ...draft, start_date: day, end_date: isIsoDate(day) && day > draft.end_date ? day : draft.end_date })}
            {...fieldProps(errors, 'start_date')}
          />
          <DateField
            size="small"
            label="Last day"
            value={draft.end_date}
            onChange={(day) => setDraft({ ...draft, end_date: day })}
            {...fieldProps(errors, 'end_date')}
          />
          <TextField
            size="small"
            sx={{ gridColumn: '1 / -1' }}
            label="Reason (optional)"
            value={draft.reason}
            onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
            {...fieldProps(errors, 'reason')}
          />
          <Button
            type="submit"
            variant="contained"
            startIcon={<AddIcon />}
            loading={creation.isLoading}
            sx={{ height: 40, gridColumn: '1 / -1', justifySelf: { sm: 'start' } }}
          >
            Add leave
          </Button>
        </Box>
      </Box>

      {created && <LeaveCreatedNotice leave={created} doctorId={doctorId} timeZone={timeZone} onClose={() => setCreated(null)} />}
      {removal.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorMessage(removal.error)}
        </Alert>
      )}

      {upcoming.length === 0 ? (
        <Typography color="text.secondary">No upcoming leave.</Typography>
      ) : (
        <List aria-label="Upcoming leave" disablePadding>
          {upcoming.map((leave) => (
            <ListItem
              key={leave.id}
              divider
              secondaryAction={
                <IconButton edge="end" aria-label={`Delete leave ${range(leave)}`} onClick={() => setDeleting(leave)}>
                  <DeleteOutlineIcon />
                </IconButton>
              }
            >
              <ListItemText primary={range(leave)} secondary={leave.reason || undefined} />
            </ListItem>
          ))}
        </List>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete leave ${range(deleting)}?`}
          confirmLabel="Delete leave"
          color="error"
          onConfirm={() => remove(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          Patients will be able to book you on {deleting.start_date === deleting.end_date ? 'this day' : 'these days'} again.
        </ConfirmDialog>
      )}
    </Box>
  );
}

/**
 * After a leave is created: the server accepts a leave over booked appointments and lists them in
 * `conflicting_appointments`; they stay booked until the doctor moves or cancels them.
 */
function LeaveCreatedNotice({
  leave,
  doctorId,
  timeZone,
  onClose,
}: {
  leave: LeaveDay;
  doctorId: number;
  timeZone: string;
  onClose: () => void;
}) {
  const ids = leave.conflicting_appointments ?? [];
  const { data } = useLeaveConflictsQuery(
    { doctor: doctorId, date_from: leave.start_date, date_to: leave.end_date },
    { skip: ids.length === 0 },
  );
  if (ids.length === 0) {
    return (
      <Alert severity="success" role="status" onClose={onClose} sx={{ mb: 2 }}>
        Leave added: {range(leave)}. No booked appointments are affected.
      </Alert>
    );
  }
  const byId = new Map((data ?? []).map((a) => [a.id, a]));
  return (
    <Alert severity="warning" role="alert" onClose={onClose} sx={{ mb: 2 }}>
      <AlertTitle>
        Leave added, but {ids.length === 1 ? '1 booked appointment falls' : `${ids.length} booked appointments fall`} inside it
      </AlertTitle>
      These appointments stay booked until you reschedule or cancel them from your{' '}
      <Link component={RouterLink} to="/doctor">
        dashboard
      </Link>
      :
      <Box component="ul" sx={{ my: 1, pl: 2.5 }}>
        {ids.map((id) => {
          const appointment = byId.get(id);
          return (
            <li key={id}>
              {appointment
                ? `${formatInZone(appointment.appointment_time, timeZone, 'EEE d MMM, HH:mm')} · ${appointment.patient_name}`
                : `Appointment #${id}`}
            </li>
          );
        })}
      </Box>
    </Alert>
  );
}
