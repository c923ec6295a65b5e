import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { errorMessage, fieldErrors, otherFieldMessages } from '../../lib/errors';
import { addDaysToDate, todayInZone } from '../../lib/time';
import type { Doctor, VisitType } from '../../lib/types';
import { useJoinWaitlistMutation } from './api';

const FIELDS = [
  { name: 'date_from', label: 'From', type: 'date' },
  { name: 'date_to', label: 'Until', type: 'date' },
  { name: 'time_from', label: 'Earliest start (optional)', type: 'time' },
  { name: 'time_to', label: 'Start before (optional)', type: 'time' },
] as const;
const SHOWN = FIELDS.map((field) => field.name);

/**
 * "Notify me when a time frees up": a patient joins the doctor's waitlist for some days and hours,
 * for the kind of visit chosen above (only a freed time it fits is offered). With `patient`, the
 * front desk adds that patient.
 */
export function JoinWaitlistCard({
  doctor,
  visitType = null,
  patient,
}: {
  doctor: Doctor;
  visitType?: VisitType | null;
  patient?: { id: number; name: string };
}) {
  const today = todayInZone(doctor.timezone);
  const [open, setOpen] = useState(Boolean(patient)); // the front desk has asked already
  const [draft, setDraft] = useState({ date_from: today, date_to: addDaysToDate(today, 13), time_from: '', time_to: '' });
  const [join, joining] = useJoinWaitlistMutation();
  const errors = fieldErrors(joining.error);
  const unplaced = otherFieldMessages(errors, SHOWN);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    await join({
      doctor: doctor.id,
      date_from: draft.date_from,
      date_to: draft.date_to,
      ...(draft.time_from ? { time_from: draft.time_from } : {}),
      ...(draft.time_to ? { time_to: draft.time_to } : {}),
      ...(visitType ? { visit_type: visitType.id } : {}),
      ...(patient ? { patient: patient.id } : {}),
    });
  }

  return (
    <Card sx={{ mt: 3 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h3" component="h2" gutterBottom>
          {patient ? `Put ${patient.name} on the waitlist` : 'No time that suits you?'}
        </Typography>
        {joining.isSuccess ? (
          patient ? (
            <Alert severity="success" role="status">
              {patient.name} is on {doctor.full_name}&apos;s waitlist. When a time frees up we hold it and tell them by
              email and SMS.
            </Alert>
          ) : (
            <Alert severity="success" role="status">
              You&apos;re on the waitlist. When a time frees up we hold it for you and send you an email and SMS.{' '}
              <Link component={RouterLink} to="/waitlist">
                See my waitlist
              </Link>
            </Alert>
          )
        ) : !open ? (
          <Button variant="outlined" onClick={() => setOpen(true)}>
            Notify me when a time frees up
          </Button>
        ) : (
          <Box component="form" onSubmit={handleSubmit} noValidate aria-label="Join the waitlist">
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              Days and hours in the doctor&apos;s time zone ({doctor.timezone}). Leave the hours empty for any time.
              {visitType
                ? ` Waiting for: ${visitType.name} (${visitType.duration_minutes} min) — only a freed time it fits is offered.`
                : ''}
            </Typography>
            {joining.error && (Object.keys(errors).length === 0 || unplaced.length > 0) && (
              <Alert severity="error" role="alert" sx={{ mb: 2 }}>
                {unplaced.length ? unplaced.join(' ') : errorMessage(joining.error)}
              </Alert>
            )}
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: 'repeat(4, 1fr)' }, alignItems: 'start' }}>
              {FIELDS.map(({ name, label, type }) => (
                <TextField
                  key={name}
                  size="small"
                  type={type}
                  label={label}
                  value={draft[name]}
                  onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
                  error={Boolean(errors[name])}
                  helperText={errors[name]?.join(' ')}
                  slotProps={{ inputLabel: { shrink: true } }}
                />
              ))}
            </Box>
            <Button type="submit" variant="contained" loading={joining.isLoading} sx={{ mt: 2 }}>
              Join the waitlist
            </Button>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
