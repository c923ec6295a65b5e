import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { errorMessage, fieldErrors } from '../../lib/errors';
import type { Patient } from '../../lib/types';
import { useRegisterPatientMutation } from './api';

const FIELDS = [
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['email', 'Email'],
  ['phone', 'Phone (e.g. +4915112345678)'],
] as const;

/** Registers a patient who calls or walks in; they can set a password later by resetting it. */
export function RegisterPatientDialog({ onClose }: { onClose: (patient: Patient | null) => void }) {
  const [values, setValues] = useState<Record<(typeof FIELDS)[number][0], string>>({
    first_name: '',
    last_name: '',
    email: '',
    phone: '',
  });
  const [register, { error, isLoading }] = useRegisterPatientMutation();
  const phoneError = fieldErrors(error).phone?.join(' ');

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const { first_name, last_name, email, phone } = values;
    const result = await register({
      // The email is unique, so it makes a good login name too.
      user: { username: email.trim(), email: email.trim(), first_name: first_name.trim(), last_name: last_name.trim() },
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    });
    if ('data' in result && result.data) onClose(result.data);
  }

  return (
    <Dialog open onClose={() => onClose(null)} fullWidth maxWidth="xs" aria-labelledby="register-patient-title">
      <Box component="form" onSubmit={handleSubmit} noValidate>
        <DialogTitle id="register-patient-title">Register a patient</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 2, '&&': { pt: 1 } }}>
          {error && (
            <Alert severity="error" role="alert">
              {errorMessage(error, { includeFields: true })}
            </Alert>
          )}
          {FIELDS.map(([name, label]) => (
            <TextField
              key={name}
              label={label}
              required={name !== 'phone'}
              type={name === 'email' ? 'email' : 'text'}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              error={name === 'phone' && Boolean(phoneError)}
              helperText={name === 'phone' ? phoneError : undefined}
            />
          ))}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => onClose(null)}>Cancel</Button>
          <Button type="submit" variant="contained" loading={isLoading}>
            Register
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
