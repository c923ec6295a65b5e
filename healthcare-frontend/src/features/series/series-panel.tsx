import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DateField, TimeField } from '../../components/date-time-field';
import { StatusChip } from '../../components/status-chip';
import { VisitTypePicker } from '../../components/visit-type-picker';
import { errorMessage, fieldErrors, otherFieldMessages } from '../../lib/errors';
import { addDaysToDate, formatInZone, isClockTime, isIsoDate, todayInZone, zoneAbbreviation, zonedDateTime } from '../../lib/time';
import type { AppointmentSeries, Doctor, SeriesPlan, SeriesRequest, VisitType } from '../../lib/types';
import { useListDoctorsQuery } from '../doctors/api';
import { useBookSeriesMutation, useCancelSeriesRestMutation, useListSeriesQuery, usePlanSeriesMutation } from './api';

const SHOWN = ['first_appointment_time', 'interval_days', 'count', 'reason', 'doctor'] as const;

function when(value: string, timeZone: string): string {
  return `${formatInZone(value, timeZone, 'EEE d MMM yyyy, HH:mm')} ${zoneAbbreviation(value, timeZone)}`;
}

/** Book a course of visits (same wall-clock time each time) and cancel the rest of one: doctors and admins. */
export function SeriesPanel({ patientId, ownDoctor }: { patientId: number; ownDoctor?: Doctor | null }) {
  const { data } = useListSeriesQuery({ patient: patientId });
  const series = data?.results ?? [];
  return (
    <Card sx={{ mb: 3 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h3" component="h2" gutterBottom>
          Recurring visits
        </Typography>
        <SeriesForm patientId={patientId} ownDoctor={ownDoctor} />
        {series.length > 0 && (
          <Stack spacing={2} sx={{ mt: 3 }} aria-label="Series">
            {series.map((s) => (
              <SeriesSummary key={s.id} series={s} />
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function SeriesForm({ patientId, ownDoctor }: { patientId: number; ownDoctor?: Doctor | null }) {
  const doctors = useListDoctorsQuery({ page_size: 100 }, { skip: Boolean(ownDoctor) });
  const [doctorId, setDoctorId] = useState<number | ''>(ownDoctor?.id ?? '');
  const doctor = ownDoctor ?? doctors.data?.results.find((d) => d.id === doctorId);
  const timeZone = doctor?.timezone ?? 'UTC';
  // The kind of visit, as when booking one: each occurrence gets its length, buffer and fee.
  const [visitType, setVisitType] = useState<VisitType | null>(null);
  const [draft, setDraft] = useState({
    date: addDaysToDate(todayInZone(timeZone), 7),
    time: '09:00',
    interval: '7',
    count: '6',
    reason: '',
    skip: false,
  });
  const [plan, planning] = usePlanSeriesMutation();
  const [book, booking] = useBookSeriesMutation();
  const [preview, setPreview] = useState<SeriesPlan | null>(null);
  const error = booking.error ?? planning.error;
  const errors = fieldErrors(error);
  const unplaced = otherFieldMessages(errors, [...SHOWN, 'conflicts', 'code']);

  function request(): SeriesRequest {
    return {
      patient: patientId,
      ...(ownDoctor ? {} : { doctor: Number(doctorId) }),
      first_appointment_time: zonedDateTime(draft.date, draft.time, timeZone),
      interval_days: Number(draft.interval),
      count: Number(draft.count),
      reason: draft.reason,
      on_conflict: draft.skip ? 'skip' : 'fail',
      ...(visitType ? { visit_type: visitType.id } : {}),
    };
  }

  function change(values: Partial<typeof draft>) {
    setDraft({ ...draft, ...values });
    setPreview(null);
    booking.reset();
  }

  async function handlePreview(event: FormEvent) {
    event.preventDefault();
    // The fields say what they cannot read; there is no instant to ask about until both can.
    if (!isIsoDate(draft.date) || !isClockTime(draft.time)) return;
    booking.reset();
    setPreview(await plan(request()).unwrap().catch(() => null));
  }

  async function handleBook() {
    const result = await book(request()).unwrap().catch(() => null);
    if (result) setPreview(null);
  }

  const conflicts = preview?.skipped.length ?? 0;
  const bookable = preview?.appointments.length ?? 0;
  return (
    <Box component="form" onSubmit={handlePreview} noValidate aria-label="Book a series">
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Every visit is at the same time of day in the doctor&apos;s time zone{doctor ? ` (${doctor.timezone})` : ''}, also
        across daylight-saving changes. Preview the dates, then book them all at once.
      </Typography>
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, alignItems: 'start' }}>
        {!ownDoctor && (
          <TextField
            select
            size="small"
            label="Doctor"
            value={doctorId}
            onChange={(e) => {
              setDoctorId(Number(e.target.value));
              setVisitType(null);
              setPreview(null);
            }}
            error={Boolean(errors.doctor)}
            helperText={errors.doctor?.join(' ')}
            sx={{ gridColumn: '1 / -1' }}
          >
            {(doctors.data?.results ?? []).map((d) => (
              <MenuItem key={d.id} value={d.id}>
                {d.full_name} — {d.specialization}
              </MenuItem>
            ))}
          </TextField>
        )}
        {doctor && (
          <Box sx={{ gridColumn: '1 / -1' }}>
            <VisitTypePicker
              doctor={doctor}
              value={visitType}
              onChange={(next) => {
                setVisitType(next);
                setPreview(null);
                booking.reset();
              }}
            />
          </Box>
        )}
        <DateField size="small" label="First visit" value={draft.date} onChange={(date) => change({ date })}
          error={Boolean(errors.first_appointment_time)} helperText={errors.first_appointment_time?.join(' ')} />
        <TimeField size="small" label="Time" value={draft.time} onChange={(time) => change({ time })} />
        <TextField size="small" type="number" label="Every (days)" value={draft.interval} onChange={(e) => change({ interval: e.target.value })}
          error={Boolean(errors.interval_days)} helperText={errors.interval_days?.join(' ')} slotProps={{ htmlInput: { min: 1, max: 28 } }} />
        <TextField size="small" type="number" label="Number of visits" value={draft.count} onChange={(e) => change({ count: e.target.value })}
          error={Boolean(errors.count)} helperText={errors.count?.join(' ')} slotProps={{ htmlInput: { min: 2, max: 52 } }} />
        <TextField size="small" label="Reason (optional)" value={draft.reason} onChange={(e) => change({ reason: e.target.value })} sx={{ gridColumn: { sm: 'span 2' } }} />
      </Box>
      <FormControlLabel
        control={<Checkbox checked={draft.skip} onChange={(e) => change({ skip: e.target.checked })} />}
        label="Skip dates that are not free (otherwise book all or nothing)"
      />
      {error && (Object.keys(errors).length === 0 || unplaced.length > 0) && (
        <Alert severity="error" role="alert" sx={{ my: 1 }}>
          {unplaced.length ? unplaced.join(' ') : errorMessage(error)}
        </Alert>
      )}
      {booking.isSuccess && booking.data && (
        <Alert severity="success" role="status" sx={{ my: 1 }}>
          Booked {booking.data.appointments.length} visits
          {booking.data.skipped.length ? `; ${booking.data.skipped.length} dates skipped` : ''}. The patient gets one email with every date.
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
        <Button type="submit" variant="outlined" loading={planning.isLoading} disabled={!doctor}>
          Preview dates
        </Button>
        {preview && (
          <Button variant="contained" onClick={handleBook} loading={booking.isLoading} disabled={bookable === 0 || (conflicts > 0 && !draft.skip)}>
            Book {bookable} visits
          </Button>
        )}
      </Box>
      {preview && (
        <Box sx={{ mt: 2 }}>
          {conflicts > 0 && !draft.skip && (
            <Alert severity="warning" role="status" sx={{ mb: 1 }}>
              {conflicts} of the dates cannot be booked. Choose another time, or tick “Skip dates that are not free”.
            </Alert>
          )}
          <List dense aria-label="Planned dates" disablePadding>
            {preview.occurrences.map((o) => (
              <ListItem key={o.appointment_time} disableGutters sx={{ gap: 1, flexWrap: 'wrap' }}>
                <Typography sx={{ minWidth: 230 }}>
                  {when(o.appointment_time, timeZone)}
                  {o.end_time ? `–${formatInZone(o.end_time, timeZone, 'HH:mm')}` : ''}
                </Typography>
                {o.conflict ? (
                  <Chip size="small" color="warning" variant="outlined" label={`Not free: ${o.conflict.reason}`} />
                ) : (
                  <Chip size="small" color="success" variant="outlined" label="Free" />
                )}
              </ListItem>
            ))}
          </List>
        </Box>
      )}
    </Box>
  );
}

function SeriesSummary({ series }: { series: AppointmentSeries }) {
  const [cancel, cancelling] = useCancelSeriesRestMutation();
  const [confirming, setConfirming] = useState(false);
  const now = Date.now();
  const upcoming = series.appointments.filter(
    (a) => (a.status === 'pending' || a.status === 'confirmed') && new Date(a.appointment_time).getTime() >= now,
  );
  return (
    <Box component="section" aria-label={`Series ${series.id}`} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Typography sx={{ fontWeight: 600 }}>
        {series.doctor_name}: every {series.interval_days} days, {series.appointments.length} visits
        {series.reason ? ` — ${series.reason}` : ''}
      </Typography>
      <List dense disablePadding>
        {series.appointments.map((a) => (
          <ListItem key={a.id} disableGutters sx={{ gap: 1 }}>
            <Typography sx={{ minWidth: 230 }}>{when(a.appointment_time, a.doctor_timezone ?? 'UTC')}</Typography>
            <StatusChip status={a.status} />
          </ListItem>
        ))}
      </List>
      {cancelling.error && (
        <Alert severity="error" role="alert">
          {errorMessage(cancelling.error)}
        </Alert>
      )}
      {upcoming.length > 0 &&
        (confirming ? (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography>Cancel the {upcoming.length} upcoming visits?</Typography>
            <Button color="error" variant="contained" size="small" loading={cancelling.isLoading} onClick={() => cancel({ id: series.id }).then(() => setConfirming(false))}>
              Yes, cancel them
            </Button>
            <Button size="small" onClick={() => setConfirming(false)}>
              Keep them
            </Button>
          </Box>
        ) : (
          <Button color="error" variant="outlined" size="small" onClick={() => setConfirming(true)}>
            Cancel the rest of the series
          </Button>
        ))}
    </Box>
  );
}
