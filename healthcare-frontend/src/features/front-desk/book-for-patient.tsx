import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SlotPicker } from '../../components/slot-picker';
import { VisitTypePicker } from '../../components/visit-type-picker';
import { SLOT_TAKEN_MESSAGE } from '../../lib/errors';
import { fullName } from '../../lib/format';
import type { Doctor, Patient, Slot, VisitType } from '../../lib/types';
import { BookingDialog } from '../booking/booking-dialog';
import { PatientFinder } from './patient-finder';

/** Books for a patient who calls or stands at the desk: who, with whom, what kind of visit, when. */
export function BookForPatient({ doctors }: { doctors: Doctor[] }) {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [doctorId, setDoctorId] = useState<number | ''>('');
  const [visitType, setVisitType] = useState<VisitType | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [slotTaken, setSlotTaken] = useState(false);
  const doctor = doctors.find((d) => d.id === doctorId);

  if (!patient) return <PatientFinder onSelect={setPatient} />;
  const patientName = fullName(patient.user);
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography>
          Booking for <strong>{patientName}</strong>
          {patient.date_of_birth ? ` (born ${patient.date_of_birth})` : ''}
        </Typography>
        <Button size="small" onClick={() => setPatient(null)}>
          Change patient
        </Button>
      </Box>
      <TextField
        select
        label="Doctor"
        value={doctorId}
        onChange={(event) => {
          setDoctorId(Number(event.target.value));
          setVisitType(null);
          setSlot(null);
        }}
        sx={{ minWidth: 260, mb: 2 }}
        size="small"
      >
        {doctors.map((d) => (
          <MenuItem key={d.id} value={d.id}>
            {d.full_name} · {d.specialization}
          </MenuItem>
        ))}
      </TextField>
      {doctor && (
        <>
          <VisitTypePicker
            doctor={doctor}
            value={visitType}
            onChange={(next) => {
              setVisitType(next);
              setSlot(null);
            }}
          />
          {slotTaken && !slot && (
            <Alert severity="warning" role="alert" sx={{ mb: 2 }} onClose={() => setSlotTaken(false)}>
              {SLOT_TAKEN_MESSAGE}
            </Alert>
          )}
          <SlotPicker
            doctorId={doctor.id}
            timeZone={doctor.timezone}
            visitTypeId={visitType?.id}
            selectedStart={slot?.start}
            onSelect={(next) => {
              setSlotTaken(false);
              setSlot(next);
            }}
          />
          {slot && (
            <BookingDialog
              key={`${slot.start}-${visitType?.id ?? 'standard'}`}
              doctor={doctor}
              slot={slot}
              visitType={visitType}
              patient={{ id: patient.id, name: patientName }}
              onClose={() => setSlot(null)}
              onSlotTaken={() => setSlotTaken(true)}
            />
          )}
        </>
      )}
    </Box>
  );
}
