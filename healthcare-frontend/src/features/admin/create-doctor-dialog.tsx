import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete, { type AutocompleteRenderInputParams } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { PasswordField } from '../../components/password-field';
import { fieldErrors, formAlert, nestedFieldErrors } from '../../lib/errors';
import { userTimeZone } from '../../lib/time';
import type { Doctor } from '../../lib/types';
import { WorkingHoursEditor } from '../availability/working-hours-editor';
import { useListSpecialtiesQuery } from '../doctors/api';
import { useCreateDoctorMutation } from './api';

const ACCOUNT = [
  ['first_name', 'First name', 'given-name'],
  ['last_name', 'Last name', 'family-name'],
  ['email', 'Email', 'off'],
  ['username', 'Username', 'off'],
] as const;
const PROFILE = ['specialization', 'clinic_name', 'city', 'consultation_fee', 'slot_minutes', 'timezone'] as const;

type Values = Record<(typeof ACCOUNT)[number][0] | 'password' | (typeof PROFILE)[number], string>;

const ZONES: string[] = Intl.supportedValuesOf?.('timeZone') ?? [];

/**
 * An admin adds a doctor in two steps: the account and profile (`POST /api/doctors/`), then the
 * weekly hours, with the same editor the doctor uses (each interval is its own `POST
 * /api/working-hours/`, so a rejected one never undoes the doctor).
 */
export function CreateDoctorDialog({ onClose }: { onClose: (doctor: Doctor | null) => void }) {
  const [created, setCreated] = useState<Doctor | null>(null);
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  return (
    <Dialog open onClose={() => onClose(created)} fullWidth maxWidth="md" fullScreen={phone} aria-labelledby="create-doctor-title">
      {created ? <HoursStep doctor={created} onDone={() => onClose(created)} /> : <AccountStep onCreated={setCreated} onCancel={() => onClose(null)} />}
    </Dialog>
  );
}

function AccountStep({ onCreated, onCancel }: { onCreated: (doctor: Doctor) => void; onCancel: () => void }) {
  const specialties = useListSpecialtiesQuery();
  const [create, { error, isLoading }] = useCreateDoctorMutation();
  const [values, setValues] = useState<Values>({
    first_name: '',
    last_name: '',
    email: '',
    username: '',
    password: '',
    specialization: '',
    clinic_name: '',
    city: '',
    consultation_fee: '',
    slot_minutes: '',
    timezone: userTimeZone(),
  });
  const errors = { ...fieldErrors(error), ...nestedFieldErrors(error, 'user') };
  const alert = formAlert(error, [...PROFILE, 'user']);
  const set = (name: keyof Values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const field = (name: keyof Values) => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) => set(name)(event.target.value),
    error: Boolean(errors[name]),
    helperText: errors[name]?.join(' '),
  });

  // The text box of an Autocomplete: required, with the API's error or else a hint below it.
  const input = (name: keyof Values, label: string, hint: string) =>
    function AutocompleteInput(params: AutocompleteRenderInputParams) {
      return <TextField {...params} label={label} required error={Boolean(errors[name])} helperText={errors[name]?.join(' ') ?? hint} />;
    };

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const text = (name: keyof Values) => values[name].trim();
    const result = await create({
      user: {
        username: text('username'),
        email: text('email'),
        password: values.password,
        first_name: text('first_name'),
        last_name: text('last_name'),
      },
      specialization: text('specialization'),
      clinic_name: text('clinic_name'),
      city: text('city'),
      timezone: text('timezone'),
      // Left empty, the fee and slot length take the server's defaults (the clinic's slot length).
      ...(text('consultation_fee') ? { consultation_fee: text('consultation_fee') } : {}),
      ...(text('slot_minutes') ? { slot_minutes: Number(text('slot_minutes')) } : {}),
    });
    if ('data' in result && result.data) onCreated(result.data);
  }

  return (
    <Box component="form" onSubmit={handleSubmit} noValidate>
      <DialogTitle id="create-doctor-title">Add a doctor</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          The doctor logs in with this username and password, and can change the password on their profile. Working hours come next.
        </DialogContentText>
        {alert && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {alert}
          </Alert>
        )}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          {ACCOUNT.map(([name, label, autoComplete]) => (
            <TextField key={name} label={label} required autoComplete={autoComplete} type={name === 'email' ? 'email' : 'text'} {...field(name)} />
          ))}
          <PasswordField label="Initial password" required autoComplete="new-password" {...field('password')} />
          <Autocomplete
            freeSolo
            options={(specialties.data ?? []).map((s) => s.name)}
            inputValue={values.specialization}
            onInputChange={(_e, value) => set('specialization')(value)}
            renderInput={input('specialization', 'Specialty', 'Pick one, or type a new one.')}
          />
          <TextField label="Clinic (optional)" {...field('clinic_name')} />
          <TextField label="City (optional)" {...field('city')} />
          <TextField label="Consultation fee (optional)" slotProps={{ htmlInput: { inputMode: 'decimal' } }} {...field('consultation_fee')} />
          <TextField
            label="Minutes per appointment (optional)"
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            {...field('slot_minutes')}
            helperText={errors.slot_minutes?.join(' ') ?? "Empty: the clinic's default."}
          />
          <Autocomplete
            options={ZONES}
            value={values.timezone || null}
            onChange={(_e, value) => set('timezone')(value ?? '')}
            renderInput={input('timezone', 'Time zone', 'Appointments are shown on this clock.')}
          />
        </Box>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="contained" loading={isLoading}>
          Add doctor
        </Button>
      </DialogActions>
    </Box>
  );
}

function HoursStep({ doctor, onDone }: { doctor: Doctor; onDone: () => void }) {
  return (
    <>
      <DialogTitle id="create-doctor-title">Working hours of {doctor.full_name}</DialogTitle>
      <DialogContent>
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {doctor.full_name} was added. Patients can book once there are working hours; add them now or the doctor adds them later.
        </Alert>
        <WorkingHoursEditor doctorId={doctor.id} />
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onDone}>
          Done
        </Button>
      </DialogActions>
    </>
  );
}
