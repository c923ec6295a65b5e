import { useState } from 'react';
import Alert from '@mui/material/Alert';
import { SlotPicker } from '../../components/slot-picker';
import { SLOT_TAKEN_MESSAGE } from '../../lib/errors';
import type { Doctor, Slot } from '../../lib/types';
import { BookingDialog } from '../booking/booking-dialog';
import { PatientAndDoctor, type DeskChoice } from './patient-and-doctor';

/** Books for a patient who calls or stands at the desk: who, with whom, what kind of visit, when. */
export function BookForPatient({ doctors }: { doctors: Doctor[] }) {
  return (
    <PatientAndDoctor doctors={doctors} purpose="Booking for">
      {/* Another doctor or kind of visit: other free times, so the picked one is dropped. */}
      {(choice) => <PickAndBook key={`${choice.doctor.id}-${choice.visitType?.id ?? 'standard'}`} {...choice} />}
    </PatientAndDoctor>
  );
}

function PickAndBook({ patient, patientName, doctor, visitType }: DeskChoice) {
  const [slot, setSlot] = useState<Slot | null>(null);
  const [slotTaken, setSlotTaken] = useState(false);
  return (
    <>
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
  );
}
