import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { useGetSettingsQuery } from '../../lib/api';
import { fieldErrors, formAlert } from '../../lib/errors';
import type { ClinicSettings } from '../../lib/types';
import { useUpdateSettingsMutation } from './api';
import { usePageTitle } from '../../lib/page-title';
import { ReminderScheduleField, toReminderRows, toReminderSchedule, type ReminderRow } from './reminder-schedule-field';

type NumberField = Exclude<
  keyof ClinicSettings,
  'clinic_name' | 'currency' | 'auto_confirm' | 'reminder_schedule' | 'staff_mfa_required'
>;

const NUMBER_FIELDS: { name: NumberField; label: string; help: string }[] = [
  { name: 'booking_window_days', label: 'Booking window (days)', help: 'How far ahead patients can book.' },
  { name: 'min_notice_hours', label: 'Minimum notice (hours)', help: 'The earliest a slot can be booked before it starts.' },
  { name: 'cancellation_cutoff_hours', label: 'Cancellation cutoff (hours)', help: 'Patients cannot cancel or reschedule later than this before the start.' },
  { name: 'reminder_hours_before', label: 'Reminder (hours before)', help: 'When the reminder is sent if no schedule is set below.' },
  { name: 'default_slot_minutes', label: 'Default slot length (minutes)', help: 'For doctors without their own slot length.' },
  { name: 'waitlist_hold_minutes', label: 'Waitlist hold (minutes)', help: 'How long a freed time offered to a waiting patient is held for them.' },
];

export function SettingsPage() {
  usePageTitle('Clinic settings');
  const { data, error, isLoading, refetch } = useGetSettingsQuery();
  return (
    <>
      <PageHeader title="Clinic settings" subtitle="Booking rules apply to every doctor." />
      {error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : isLoading || !data ? (
        <LoadingState />
      ) : (
        <SettingsForm key={JSON.stringify(data)} settings={data} />
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: ClinicSettings }) {
  // Numbers are edited as text so that a field can be empty while typing.
  const [values, setValues] = useState<Record<NumberField, string> & Pick<ClinicSettings, 'clinic_name' | 'currency' | 'auto_confirm' | 'staff_mfa_required'>>(() => ({
    clinic_name: settings.clinic_name,
    currency: settings.currency,
    auto_confirm: settings.auto_confirm,
    staff_mfa_required: settings.staff_mfa_required ?? false,
    reminder_hours_before: String(settings.reminder_hours_before),
    booking_window_days: String(settings.booking_window_days),
    min_notice_hours: String(settings.min_notice_hours),
    cancellation_cutoff_hours: String(settings.cancellation_cutoff_hours),
    default_slot_minutes: String(settings.default_slot_minutes),
    waitlist_hold_minutes: String(settings.waitlist_hold_minutes),
  }));
  const [reminders, setReminders] = useState<ReminderRow[]>(() => toReminderRows(settings.reminder_schedule ?? []));
  const [update, { isLoading, error, isSuccess, reset }] = useUpdateSettingsMutation();
  const errors = fieldErrors(error);
  const alert = formAlert(error, ['clinic_name', 'currency', 'auto_confirm', 'staff_mfa_required', 'reminder_schedule', ...NUMBER_FIELDS.map((f) => f.name)]);

  function set(name: string, value: string | boolean) {
    reset();
    setValues((v) => ({ ...v, [name]: value }));
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const body: Partial<ClinicSettings> = {
      clinic_name: values.clinic_name.trim(),
      currency: values.currency.trim().toUpperCase(),
      auto_confirm: values.auto_confirm,
      staff_mfa_required: values.staff_mfa_required,
      reminder_schedule: toReminderSchedule(reminders),
    };
    for (const { name } of NUMBER_FIELDS) body[name] = Number(values[name]);
    await update(body).unwrap().catch(() => undefined);
  }

  return (
    <Card sx={{ maxWidth: 760 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack component="form" noValidate spacing={2.5} onSubmit={handleSubmit}>
          {isSuccess && <Alert severity="success" role="status">Settings saved.</Alert>}
          {alert && (
            <Alert severity="error" role="alert">
              {alert}
            </Alert>
          )}
          <TextField
            label="Clinic name"
            value={values.clinic_name}
            onChange={(e) => set('clinic_name', e.target.value)}
            error={Boolean(errors.clinic_name)}
            helperText={errors.clinic_name?.join(' ') ?? 'Shown in the app bar and in emails.'}
          />
          <TextField
            label="Currency"
            value={values.currency}
            onChange={(e) => set('currency', e.target.value)}
            error={Boolean(errors.currency)}
            helperText={errors.currency?.join(' ') ?? 'Three-letter code of fees and revenue, e.g. EUR, USD, GBP.'}
            slotProps={{ htmlInput: { maxLength: 3, autoCapitalize: 'characters' } }}
            sx={{ maxWidth: 320 }}
          />
          <Box>
            <FormControlLabel
              control={<Switch checked={values.auto_confirm} onChange={(e) => set('auto_confirm', e.target.checked)} />}
              label="Confirm new bookings automatically"
            />
            <Typography variant="body2" color="text.secondary">
              When off, new bookings stay pending until the doctor confirms them.
            </Typography>
          </Box>
          <Box>
            <FormControlLabel
              control={
                <Switch
                  checked={values.staff_mfa_required}
                  onChange={(e) => set('staff_mfa_required', e.target.checked)}
                />
              }
              label="Staff must use two-factor authentication"
            />
            <Typography variant="body2" color="text.secondary">
              Admins, front desk and doctors log in with a code from an authenticator app. Those without one
              set it up at their next login; older sessions end within 15 minutes.
            </Typography>
          </Box>
          <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            {NUMBER_FIELDS.map(({ name, label, help }) => (
              <TextField
                key={name}
                type="number"
                label={label}
                value={values[name]}
                onChange={(e) => set(name, e.target.value)}
                error={Boolean(errors[name])}
                helperText={errors[name]?.join(' ') ?? help}
                slotProps={{ htmlInput: { min: 0, step: 1, inputMode: 'numeric' } }}
              />
            ))}
          </Box>
          <ReminderScheduleField
            rows={reminders}
            fallbackHours={values.reminder_hours_before}
            error={errors.reminder_schedule?.join(' ')}
            onChange={(rows) => {
              reset();
              setReminders(rows);
            }}
          />
          <Box>
            <Button type="submit" variant="contained" loading={isLoading}>
              Save settings
            </Button>
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}
