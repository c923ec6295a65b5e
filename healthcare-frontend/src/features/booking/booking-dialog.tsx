import { useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { AppointmentTime } from '../../components/appointment-time';
import { CalendarButton } from '../../components/calendar-button';
import { StatusChip } from '../../components/status-chip';
import { errorMessage, errorStatus, fieldErrors, SLOT_TAKEN_MESSAGE } from '../../lib/errors';
import { useCurrency } from '../../lib/api';
import { doctorPlace, formatMoney } from '../../lib/format';
import { randomId } from '../../lib/random-id';
import type { Appointment, Doctor, Slot, VisitType } from '../../lib/types';
import { useBookAppointmentMutation } from './api';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '110px 1fr' }, gap: { xs: 0, sm: 2 }, py: 0.75 }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Box component="dd" sx={{ m: 0 }}>
        {children}
      </Box>
    </Box>
  );
}

/**
 * Confirms one slot. Mounted once per chosen slot, so the idempotency key below belongs to this
 * booking attempt: pressing "Book" again after a network error resends the same key, and the
 * server answers with the first result instead of booking twice.
 */
export function BookingDialog({
  doctor,
  slot,
  onClose,
  onSlotTaken,
  visitType = null,
  patient,
}: {
  doctor: Doctor;
  slot: Slot;
  onClose: () => void;
  onSlotTaken: () => void;
  /** The kind of visit chosen; null for the doctor's standard visit. */
  visitType?: VisitType | null;
  /** Booking on behalf of a patient (front desk): who it is for. */
  patient?: { id: number; name: string };
}) {
  const theme = useTheme();
  const currency = useCurrency();
  const fullScreen = useMediaQuery(theme.breakpoints.down('sm'));
  const [idempotencyKey] = useState(randomId);
  const [reason, setReason] = useState('');
  const [book, { data: appointment, error, isLoading }] = useBookAppointmentMutation();
  const reasonError = fieldErrors(error).reason?.join(' ');

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      doctor: doctor.id,
      appointment_time: slot.start,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(visitType ? { visit_type: visitType.id } : {}),
      ...(patient ? { patient: patient.id } : {}),
    };
    const result = await book({ body, idempotencyKey });
    if ('error' in result && errorStatus(result.error) === 409) onSlotTaken();
  }

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} fullWidth maxWidth="sm" aria-labelledby="booking-dialog-title">
      {appointment ? (
        <Confirmation appointment={appointment} doctor={doctor} onClose={onClose} forPatient={patient?.name} />
      ) : (
        <Box component="form" onSubmit={handleSubmit} noValidate>
          <DialogTitle id="booking-dialog-title">Book this appointment</DialogTitle>
          <DialogContent>
            <Box component="dl" sx={{ m: 0, mb: 2 }}>
              {patient && (
                <Detail label="Patient">
                  <Typography sx={{ fontWeight: 600 }}>{patient.name}</Typography>
                </Detail>
              )}
              <Detail label="Doctor">
                <Typography sx={{ fontWeight: 600 }}>{doctor.full_name}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {doctor.specialization} · {doctorPlace(doctor)}
                </Typography>
              </Detail>
              <Detail label="When">
                <AppointmentTime value={slot.start} timeZone={doctor.timezone} />
              </Detail>
              <Detail label="Visit">
                <Typography>
                  {visitType ? visitType.name : 'Standard visit'} ·{' '}
                  {visitType ? visitType.duration_minutes : doctor.slot_minutes} minutes
                </Typography>
              </Detail>
              <Detail label="Fee">
                <Typography>{formatMoney(visitType ? visitType.fee : doctor.consultation_fee, currency)}</Typography>
              </Detail>
            </Box>
            {error && (
              <Alert severity={errorStatus(error) === 409 ? 'warning' : 'error'} role="alert" sx={{ mb: 2 }}>
                {errorStatus(error) === 409 ? SLOT_TAKEN_MESSAGE : errorMessage(error, { includeFields: !reasonError })}
              </Alert>
            )}
            <TextField
              label="Reason for visit (optional)"
              multiline
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={Boolean(reasonError)}
              helperText={reasonError ?? 'Helps the doctor prepare. Visible to the doctor only.'}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={onClose}>{errorStatus(error) === 409 ? 'Pick another time' : 'Cancel'}</Button>
            <Button type="submit" variant="contained" loading={isLoading} disabled={errorStatus(error) === 409}>
              Book appointment
            </Button>
          </DialogActions>
        </Box>
      )}
    </Dialog>
  );
}

function Confirmation({
  appointment,
  doctor,
  onClose,
  forPatient,
}: {
  appointment: Appointment;
  doctor: Doctor;
  onClose: () => void;
  forPatient?: string;
}) {
  const confirmed = appointment.status === 'confirmed';
  return (
    <>
      <DialogTitle id="booking-dialog-title" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <CheckCircleIcon color="success" aria-hidden />
        {forPatient
          ? `Appointment ${confirmed ? 'confirmed' : 'booked'}`
          : confirmed
            ? 'Your appointment is confirmed'
            : 'Your appointment is booked'}
      </DialogTitle>
      <DialogContent>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {forPatient
            ? `Booked for ${forPatient}. They get the details by email or text message.`
            : confirmed
              ? 'See you then. We have sent the details to you.'
              : 'It is pending until the clinic confirms it. We will let you know.'}
        </Typography>
        <Box component="dl" sx={{ m: 0 }}>
          <Detail label="Doctor">
            <Typography sx={{ fontWeight: 600 }}>{appointment.doctor_name || doctor.full_name}</Typography>
          </Detail>
          <Detail label="When">
            <AppointmentTime value={appointment.appointment_time} timeZone={doctor.timezone} />
          </Detail>
          {appointment.visit_type_name && (
            <Detail label="Visit">
              <Typography>{appointment.visit_type_name}</Typography>
            </Detail>
          )}
          <Detail label="Where">
            <Typography>
              {doctorPlace(doctor)}
            </Typography>
          </Detail>
          <Detail label="Status">
            <StatusChip status={appointment.status} />
          </Detail>
        </Box>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, flexWrap: 'wrap', gap: 1 }}>
        <CalendarButton appointmentId={appointment.id} variant="outlined" />
        {!forPatient && (
          <Button component={RouterLink} to="/appointments" variant="contained">
            Go to my appointments
          </Button>
        )}
        <Button onClick={onClose} variant={forPatient ? 'contained' : 'text'}>
          {forPatient ? 'Done' : 'Close'}
        </Button>
      </DialogActions>
    </>
  );
}
