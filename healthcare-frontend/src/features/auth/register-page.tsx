import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AuthCard } from '../../components/auth-card';
import { DateField } from '../../components/date-time-field';
import { PasswordField } from '../../components/password-field';
import { errorMessage, fieldErrors, formAlert } from '../../lib/errors';
import type { RegistrationRequest } from '../../lib/types';
import { usePageTitle } from '../../lib/page-title';
import { useLoginMutation, useRegisterMutation } from './api';

// What the form holds: text in every field; the request leaves out an empty date of birth.
type FormValues = Record<keyof RegistrationRequest, string>;

const EMPTY: FormValues = {
  username: '',
  email: '',
  password: '',
  first_name: '',
  last_name: '',
  phone: '',
  insurance_number: '',
  date_of_birth: '',
};

const FIELDS = Object.keys(EMPTY);

export function RegisterPage() {
  usePageTitle('Create your account');
  const [params] = useSearchParams();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [register, registration] = useRegisterMutation();
  const [login, loginState] = useLoginMutation();
  const errors = fieldErrors(registration.error);
  const alert = formAlert(registration.error, FIELDS);
  const next = params.get('next');

  const field = (name: keyof FormValues) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: event.target.value })),
    error: Boolean(errors[name]),
    helperText: errors[name]?.join(' '),
  });

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const body: RegistrationRequest = {
      username: values.username.trim(),
      email: values.email.trim(),
      password: values.password,
      first_name: values.first_name.trim(),
      last_name: values.last_name.trim(),
      phone: values.phone.trim(),
    };
    if (values.insurance_number.trim()) body.insurance_number = values.insurance_number.trim();
    if (values.date_of_birth) body.date_of_birth = values.date_of_birth;
    const created = await register(body).unwrap().catch(() => null);
    // Sign the new patient straight in; the route guard then continues to `next` or the search.
    if (created) await login({ username: body.username, password: body.password }).unwrap().catch(() => null);
  }

  return (
    <AuthCard title="Create your account" subtitle="Register as a patient to book appointments online." maxWidth={640}>
      <Box component="form" noValidate onSubmit={handleSubmit}>
        <Stack spacing={2.5}>
          {alert && (
            <Alert severity="error" role="alert">
              {alert}
            </Alert>
          )}
          {loginState.error && (
            <Alert severity="warning" role="alert">
              Your account was created, but we couldn&apos;t log you in: {errorMessage(loginState.error)}{' '}
              <Link component={RouterLink} to="/login">
                Log in
              </Link>
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            <TextField label="First name" autoComplete="given-name" required {...field('first_name')} />
            <TextField label="Last name" autoComplete="family-name" required {...field('last_name')} />
            <TextField label="Username" autoComplete="username" required {...field('username')} />
            <TextField label="Email" type="email" autoComplete="email" required {...field('email')} />
            <TextField
              label="Phone"
              type="tel"
              autoComplete="tel"
              required
              placeholder="+14155550123"
              {...field('phone')}
              helperText={errors.phone?.join(' ') ?? 'International format, e.g. +14155550123'}
            />
            <PasswordField
              label="Password"
              autoComplete="new-password"
              required
              {...field('password')}
              helperText={errors.password?.join(' ') ?? 'At least 8 characters, not too common.'}
            />
            <DateField
              label="Date of birth (optional)"
              autoComplete="bday"
              {...field('date_of_birth')}
              onChange={(day) => setValues((v) => ({ ...v, date_of_birth: day }))}
            />
            <TextField label="Insurance number (optional)" {...field('insurance_number')} />
          </Box>
          <Button type="submit" variant="contained" size="large" loading={registration.isLoading || loginState.isLoading}>
            Create account
          </Button>
          <Typography variant="body2" color="text.secondary" textAlign="center">
            Already registered?{' '}
            <Link component={RouterLink} to={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>
              Log in
            </Link>
          </Typography>
        </Stack>
      </Box>
    </AuthCard>
  );
}
