import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { FormAlert } from '../../components/form-alert';
import { PasswordField } from '../../components/password-field';
import { errorMessage, fieldErrors, fieldProps, formAlert } from '../../lib/errors';
import type { Me } from '../../lib/types';
import { useChangePasswordMutation, useResendEmailVerificationMutation } from './api';

/** Whether the email address is confirmed, with a way to get the link again. */
export function EmailVerificationState({ me }: { me: Me }) {
  const [resend, { data, error, isLoading }] = useResendEmailVerificationMutation();
  if (me.email_verified) return <Chip label="Email confirmed" color="success" size="small" variant="outlined" />;
  return (
    <Alert
      severity="info"
      role="status"
      action={
        !data && (
          <Button color="inherit" size="small" loading={isLoading} onClick={() => resend()}>
            Send the link again
          </Button>
        )
      }
    >
      {data?.detail ?? (error ? errorMessage(error) : `Your email address ${me.email} is not confirmed yet. You can book meanwhile.`)}
    </Alert>
  );
}

/** Change the password (the current one required); other devices are signed out. */
export function ChangePasswordCard() {
  const [values, setValues] = useState({ old_password: '', new_password: '' });
  const [change, { isLoading, error, isSuccess, reset }] = useChangePasswordMutation();
  const errors = fieldErrors(error);
  const alert = formAlert(error, ['old_password', 'new_password']);

  function set(name: keyof typeof values, value: string) {
    reset();
    setValues((v) => ({ ...v, [name]: value }));
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const done = await change(values).unwrap().then(() => true, () => false);
    if (done) setValues({ old_password: '', new_password: '' });
  }

  return (
    <Card sx={{ maxWidth: 720, mt: 3 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack component="form" noValidate spacing={2.5} onSubmit={handleSubmit} aria-label="Change password">
          <Typography variant="h3" component="h2">
            Password
          </Typography>
          {isSuccess && (
            <Alert severity="success" role="status">
              Your password was changed. Other devices were signed out; this one stays signed in.
            </Alert>
          )}
          <FormAlert>{alert}</FormAlert>
          <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            <PasswordField
              label="Current password"
              autoComplete="current-password"
              value={values.old_password}
              onChange={(e) => set('old_password', e.target.value)}
              {...fieldProps(errors, 'old_password')}
              required
            />
            <PasswordField
              label="New password"
              autoComplete="new-password"
              value={values.new_password}
              onChange={(e) => set('new_password', e.target.value)}
              {...fieldProps(errors, 'new_password')}
              required
            />
          </Box>
          <Box>
            <Button type="submit" variant="outlined" loading={isLoading}>
              Change password
            </Button>
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}
