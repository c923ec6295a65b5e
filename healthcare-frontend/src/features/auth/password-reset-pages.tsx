import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AuthCard } from '../../components/auth-card';
import { FormAlert } from '../../components/form-alert';
import { PasswordField } from '../../components/password-field';
import { fieldErrors, fieldProps, formAlert } from '../../lib/errors';
import { usePageTitle } from '../../lib/page-title';
import { useConfirmPasswordResetMutation, useRequestPasswordResetMutation } from './api';

/** "Forgot your password?": asks for the address; the answer is the same whether it is known or not. */
export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [request, { isLoading, error, data }] = useRequestPasswordResetMutation();
  const errors = fieldErrors(error);
  const alert = formAlert(error, ['email']);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    await request({ email: email.trim() }).unwrap().catch(() => undefined);
  }

  return (
    <AuthCard title="Reset your password" subtitle="Enter the email address of your account and we will send you a link to choose a new password.">
      {data ? (
        <Stack spacing={2}>
          <Alert severity="success" role="status">
            {data.detail} The link works once and for a limited time; check your spam folder if it does not arrive.
          </Alert>
          <Link component={RouterLink} to="/login">
            Back to log in
          </Link>
        </Stack>
      ) : (
        <Stack component="form" noValidate onSubmit={handleSubmit} spacing={2.5}>
          <FormAlert>{alert}</FormAlert>
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...fieldProps(errors, 'email')}
            required
            autoFocus
          />
          <Button type="submit" variant="contained" size="large" loading={isLoading}>
            Send the link
          </Button>
          <Typography variant="body2" textAlign="center">
            <Link component={RouterLink} to="/login">
              Back to log in
            </Link>
          </Typography>
        </Stack>
      )}
    </AuthCard>
  );
}

/** The page the emailed link opens (`/reset-password?uid=…&token=…`): choose the new password. */
export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const uid = params.get('uid') ?? '';
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [confirm, { isLoading, error, isSuccess }] = useConfirmPasswordResetMutation();
  const errors = fieldErrors(error);
  const alert = formAlert(error, ['new_password']);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    await confirm({ uid, token, new_password: password }).unwrap().catch(() => undefined);
  }

  if (!uid || !token) {
    return (
      <AuthCard title="Choose a new password">
        <Alert severity="error" role="alert">
          This link is incomplete. Open the link from the email again, or{' '}
          <Link component={RouterLink} to="/forgot-password">ask for a new one</Link>.
        </Alert>
      </AuthCard>
    );
  }
  if (isSuccess) {
    return (
      <AuthCard title="Password changed">
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          Your password has been changed, and every device that was signed in has been signed out.
        </Alert>
        <Button component={RouterLink} to="/login" variant="contained">
          Log in
        </Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <Stack component="form" noValidate onSubmit={handleSubmit} spacing={2.5}>
        {alert && (
          <Alert severity="error" role="alert">
            {alert}{' '}
            {!errors.new_password && (
              <Link component={RouterLink} to="/forgot-password">
                Ask for a new link
              </Link>
            )}
          </Alert>
        )}
        <PasswordField
          label="New password"
          name="new_password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={Boolean(errors.new_password)}
          helperText={errors.new_password?.join(' ') ?? 'At least 8 characters, not too common or too close to your name.'}
          required
          autoFocus
        />
        <PasswordField
          label="Repeat the new password"
          name="repeat_password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch}
          helperText={mismatch ? 'The two passwords differ.' : undefined}
          required
        />
        <Button type="submit" variant="contained" size="large" loading={isLoading}>
          Set the new password
        </Button>
      </Stack>
    </AuthCard>
  );
}
