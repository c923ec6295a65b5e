import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AuthCard } from '../../components/auth-card';
import { FormAlert } from '../../components/form-alert';
import { OtpField } from '../../components/otp-field';
import { PasswordField } from '../../components/password-field';
import { errorCode, errorMessage, errorStatus, fieldErrors, fieldProps } from '../../lib/errors';
import { usePageTitle } from '../../lib/page-title';
import { useLoginMutation } from './api';

function loginAlert(error: unknown): string | null {
  const status = errorStatus(error);
  const code = errorCode(error);
  if (code === 'otp_required') return 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';
  if (code === 'otp_invalid') return 'That code is not valid. Enter the current code from your app, or an unused recovery code.';
  if (status === 401) return 'Invalid credentials. Check your username or email and password.';
  if (status === 400) {
    const message = errorMessage(error);
    return message.startsWith('Something went wrong') ? null : message;
  }
  // 429 / 403: the account or address is locked out for a while; the detail says how long.
  return errorMessage(error);
}

export function LoginPage() {
  usePageTitle('Log in');
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [login, { isLoading, error }] = useLoginMutation();
  // Shown once the server says this account has two-factor authentication on.
  const [askCode, setAskCode] = useState(false);
  const errors = fieldErrors(error);
  const alert = error ? loginAlert(error) : null;
  const next = params.get('next');

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    // Success stores the tokens; the route guard then continues to `next` or the user's home.
    const credentials = { username: username.trim(), password, ...(askCode && otp.trim() ? { otp: otp.trim() } : {}) };
    await login(credentials)
      .unwrap()
      .catch((failure: unknown) => {
        const code = errorCode(failure);
        if (code === 'otp_required' || code === 'otp_invalid') setAskCode(true);
      });
  }

  return (
    <AuthCard title="Log in" subtitle="Welcome back. Log in to book and manage your appointments.">
      <Stack component="form" noValidate onSubmit={handleSubmit} spacing={2.5}>
        <FormAlert>{alert}</FormAlert>
        <TextField
          label="Username or email"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          {...fieldProps(errors, 'username')}
          required
          autoFocus
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...fieldProps(errors, 'password')}
          required
        />
        <Link component={RouterLink} to="/forgot-password" variant="body2" sx={{ alignSelf: 'flex-end', mt: '-8px !important' }}>
          Forgot your password?
        </Link>
        {askCode && (
          <OtpField
            label="Authentication code"
            value={otp}
            onChange={setOtp}
            helperText="From your authenticator app, or a recovery code."
            autoFocus
          />
        )}
        <Button type="submit" variant="contained" size="large" loading={isLoading}>
          Log in
        </Button>
        <Typography variant="body2" color="text.secondary" textAlign="center">
          New here?{' '}
          <Link component={RouterLink} to={next ? `/register?next=${encodeURIComponent(next)}` : '/register'}>
            Create a patient account
          </Link>
        </Typography>
      </Stack>
    </AuthCard>
  );
}
