import { useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { VisitTypePicker } from '../../components/visit-type-picker';
import { fullName } from '../../lib/format';
import type { Doctor, Patient, VisitType } from '../../lib/types';
import { PatientFinder } from './patient-finder';

export interface DeskChoice {
  patient: Patient;
  patientName: string;
  doctor: Doctor;
  visitType: VisitType | null;
}

/**
 * The desk's first questions for a caller: who (found or registered), with which doctor, what kind
 * of visit. `children` gets the answers once all are given (booking a time, joining a waitlist).
 */
export function PatientAndDoctor({
  doctors,
  purpose,
  children,
}: {
  doctors: Doctor[];
  /** "Booking for", "Waitlist for": what the desk is doing for the patient. */
  purpose: string;
  children: (choice: DeskChoice) => ReactNode;
}) {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [doctorId, setDoctorId] = useState<number | ''>('');
  const [visitType, setVisitType] = useState<VisitType | null>(null);
  const doctor = doctors.find((d) => d.id === doctorId);

  if (!patient) return <PatientFinder onSelect={setPatient} />;
  const patientName = fullName(patient.user);
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography>
          {purpose} <strong>{patientName}</strong>
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
          <VisitTypePicker doctor={doctor} value={visitType} onChange={setVisitType} />
          {children({ patient, patientName, doctor, visitType })}
        </>
      )}
    </Box>
  );
}
