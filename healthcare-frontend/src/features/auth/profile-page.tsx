import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { FormAlert } from '../../components/form-alert';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { useUpdateMeMutation } from '../../lib/api';
import { fieldErrors, fieldProps, formAlert } from '../../lib/errors';
import { ChangePasswordCard, EmailVerificationState } from './account-security';
import { useCurrentUser } from '../../lib/session';
import { DataRightsCard } from '../privacy/data-rights-card';
import type { Me, MeUpdate, PatientProfile } from '../../lib/types';
import { usePageTitle } from '../../lib/page-title';
import { CalendarFeedCard } from '../calendar-feed/calendar-feed-card';

export function ProfilePage() {
  usePageTitle('Your profile');
  const { me, error, refetch } = useCurrentUser();
  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (!me) return <LoadingState />;
  // Keyed by the loaded profile so the form starts from the server's values after each save.
  return <ProfileForm key={`${me.id}-${me.email}-${me.first_name}-${me.last_name}`} me={me} />;
}

function ProfileForm({ me }: { me: Me }) {
  const isPatient = me.role === 'patient';
  const [values, setValues] = useState({
    first_name: me.first_name,
    last_name: me.last_name,
    email: me.email,
    phone: me.patient?.phone ?? '',
    notify_email: me.patient?.notify_email ?? true,
    notify_sms: me.patient?.notify_sms ?? false,
    language: me.patient?.language ?? 'en',
  });
  const [updateMe, { isLoading, error, isSuccess, reset }] = useUpdateMeMutation();
  const errors = fieldErrors(error);
  const shown = ['first_name', 'last_name', 'email', 'phone', 'notify_email', 'notify_sms', 'language'];
  const alert = formAlert(error, shown);

  function set<K extends keyof typeof values>(key: K, value: (typeof values)[K]) {
    reset();
    setValues((v) => ({ ...v, [key]: value }));
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const body: MeUpdate = {
      first_name: values.first_name.trim(),
      last_name: values.last_name.trim(),
      email: values.email.trim(),
    };
    if (isPatient) {
      body.phone = values.phone.trim();
      body.notify_email = values.notify_email;
      body.notify_sms = values.notify_sms;
      body.language = values.language;
    }
    await updateMe(body).unwrap().catch(() => undefined);
  }

  return (
    <>
      <PageHeader title="Your profile" subtitle={`Signed in as ${me.username}`} />
      <Card sx={{ maxWidth: 720 }}>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Stack component="form" noValidate spacing={2.5} onSubmit={handleSubmit}>
            {isSuccess && <Alert severity="success" role="status">Your profile was saved.</Alert>}
            <FormAlert>{alert}</FormAlert>
            <Typography variant="h3" component="h2">
              Contact details
            </Typography>
            <EmailVerificationState me={me} />
            <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              <TextField
                label="First name"
                autoComplete="given-name"
                value={values.first_name}
                onChange={(e) => set('first_name', e.target.value)}
                {...fieldProps(errors, 'first_name')}
              />
              <TextField
                label="Last name"
                autoComplete="family-name"
                value={values.last_name}
                onChange={(e) => set('last_name', e.target.value)}
                {...fieldProps(errors, 'last_name')}
              />
              <TextField
                label="Email"
                type="email"
                autoComplete="email"
                value={values.email}
                onChange={(e) => set('email', e.target.value)}
                {...fieldProps(errors, 'email')}
              />
              {isPatient && (
                <TextField
                  label="Phone"
                  type="tel"
                  autoComplete="tel"
                  value={values.phone}
                  onChange={(e) => set('phone', e.target.value)}
                  error={Boolean(errors.phone)}
                  helperText={errors.phone?.join(' ') ?? 'International format, e.g. +14155550123'}
                />
              )}
            </Box>
            {isPatient && (
              <>
                <Divider />
                <Typography variant="h3" component="h2">
                  Notifications
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  How should we tell you about bookings, changes and reminders?
                </Typography>
                <FormGroup>
                  <FormControlLabel
                    control={
                      <Switch checked={values.notify_email} onChange={(e) => set('notify_email', e.target.checked)} />
                    }
                    label="Email notifications"
                  />
                  <FormControlLabel
                    control={<Switch checked={values.notify_sms} onChange={(e) => set('notify_sms', e.target.checked)} />}
                    label="SMS notifications"
                  />
                </FormGroup>
                <TextField
                  select
                  label="Language of messages"
                  value={values.language}
                  onChange={(e) => set('language', e.target.value as PatientProfile['language'])}
                  {...fieldProps(errors, 'language')}
                  sx={{ maxWidth: 320 }}
                >
                  <MenuItem value="en">English</MenuItem>
                  <MenuItem value="de">Deutsch</MenuItem>
                </TextField>
              </>
            )}
            <Box>
              <Button type="submit" variant="contained" loading={isLoading}>
                Save changes
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
      <ChangePasswordCard />
      {isPatient && <DataRightsCard />}
      {(me.role === 'patient' || me.role === 'doctor') && <CalendarFeedCard role={me.role} />}
    </>
  );
}
