import { useEffect, useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { DoctorAvatar } from '../../components/doctor-avatar';
import { ErrorState, LoadingState } from '../../components/page-states';
import { SlotPicker } from '../../components/slot-picker';
import { VisitTypePicker } from '../../components/visit-type-picker';
import { useGetDoctorQuery, useListVisitTypesQuery } from '../../lib/doctor-api';
import { errorStatus, SLOT_TAKEN_MESSAGE } from '../../lib/errors';
import { useCurrency } from '../../lib/api';
import { doctorPlace, formatMoney } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import { dateInZone } from '../../lib/time';
import type { Doctor, Slot, VisitType } from '../../lib/types';
import { usePageTitle } from '../../lib/page-title';
import { JoinWaitlistCard } from '../waitlist/join-waitlist-card';
import { BookingDialog } from './booking-dialog';

export function DoctorBookingPage() {
  const { doctorId } = useParams();
  const id = Number(doctorId);
  const { data: doctor, error, isLoading, refetch } = useGetDoctorQuery(id, { skip: !Number.isInteger(id) });
  usePageTitle(doctor ? `Book ${doctor.full_name}` : 'Book an appointment');

  if (!Number.isInteger(id) || errorStatus(error) === 404) {
    return <Alert severity="info" role="status">This doctor could not be found. <Link component={RouterLink} to="/doctors">Back to the search</Link></Alert>;
  }
  if (error) return <ErrorState error={error} title="We couldn't load this doctor" onRetry={refetch} />;
  if (isLoading || !doctor) return <LoadingState label="Loading the doctor's profile…" />;
  return <DoctorBooking doctor={doctor} />;
}

function DoctorProfile({ doctor }: { doctor: Doctor }) {
  const currency = useCurrency();
  return (
    <Card sx={{ mb: 3 }}>
      <CardContent sx={{ display: 'flex', gap: { xs: 2, sm: 3 }, flexDirection: { xs: 'column', sm: 'row' }, p: { xs: 2, sm: 3 } }}>
        <DoctorAvatar name={doctor.full_name} size={88} />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h2" component="h1">
            {doctor.full_name}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
            <Chip label={doctor.specialization} color="primary" size="small" />
            <Chip label={`${doctor.slot_minutes}-minute visits`} size="small" variant="outlined" />
            <Chip label={`Fee ${formatMoney(doctor.consultation_fee, currency)}`} size="small" variant="outlined" />
          </Box>
          <Typography color="text.secondary">
            {doctorPlace(doctor)}
          </Typography>
          {doctor.bio && (
            <Typography sx={{ mt: 1.5, maxWidth: 760, whiteSpace: 'pre-line' }}>{doctor.bio}</Typography>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

/** The slot a visitor picked before logging in, carried through login and registration in `?next=`. */
function slotFromParams(params: URLSearchParams): Slot | null {
  const start = params.get('start');
  const end = params.get('end');
  return start && end && !Number.isNaN(Date.parse(start)) && !Number.isNaN(Date.parse(end)) ? { start, end } : null;
}

function DoctorBooking({ doctor }: { doctor: Doctor }) {
  const { me, authenticated } = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const carried = slotFromParams(params);
  const [selected, setSelected] = useState<Slot | null>(carried);
  const [slotTaken, setSlotTaken] = useState(false);
  const [visitType, setVisitType] = useState<VisitType | null>(null);
  // The visit type chosen before logging in comes back with the slot.
  const carriedType = Number(params.get('visit_type')) || null;
  const { data: visitTypes } = useListVisitTypesQuery(doctor.id, { skip: carriedType === null });
  useEffect(() => {
    const found = visitTypes?.find((type) => type.id === carriedType);
    if (found) setVisitType(found);
  }, [visitTypes, carriedType]);

  function handleSelect(slot: Slot) {
    if (!authenticated) {
      const carry = { start: slot.start, end: slot.end, ...(visitType ? { visit_type: String(visitType.id) } : {}) };
      const back = `${location.pathname}?${new URLSearchParams(carry)}`;
      navigate(`/login?next=${encodeURIComponent(back)}`);
      return;
    }
    setSlotTaken(false);
    setSelected(slot);
  }

  function closeDialog() {
    setSelected(null);
    if (carried) setParams({}, { replace: true });
  }

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        <Link component={RouterLink} to="/doctors" underline="hover" color="inherit">
          Doctors
        </Link>
        <Typography color="text.primary">{doctor.full_name}</Typography>
      </Breadcrumbs>
      <DoctorProfile doctor={doctor} />
      <Card>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h3" component="h2" gutterBottom>
            Choose a time
          </Typography>
          {!authenticated && (
            <Alert severity="info" role="status" sx={{ mb: 2 }}>
              Pick a time and we&apos;ll ask you to log in or register to finish booking.
            </Alert>
          )}
          {me && me.role !== 'patient' && (
            <Alert severity="info" role="status" sx={{ mb: 2 }}>
              Online booking is for patients. You are signed in as{' '}
              {me.role === 'doctor' ? 'a doctor' : me.role === 'front_desk' ? 'the front desk' : 'an administrator'}.
            </Alert>
          )}
          {slotTaken && !selected && (
            <Alert severity="warning" role="alert" sx={{ mb: 2 }} onClose={() => setSlotTaken(false)}>
              {SLOT_TAKEN_MESSAGE}
            </Alert>
          )}
          <VisitTypePicker
            doctor={doctor}
            value={visitType}
            onChange={(next) => {
              setVisitType(next);
              setSelected(null);
            }}
          />
          <SlotPicker
            doctorId={doctor.id}
            timeZone={doctor.timezone}
            onSelect={handleSelect}
            selectedStart={selected?.start}
            visitTypeId={visitType?.id}
            initialDate={carried ? dateInZone(carried.start, doctor.timezone) : undefined}
          />
        </CardContent>
      </Card>
      {me?.role === 'patient' && <JoinWaitlistCard doctor={doctor} visitType={visitType} />}
      {selected && me?.role === 'patient' && (
        <BookingDialog
          key={selected.start}
          doctor={doctor}
          slot={selected}
          visitType={visitType}
          onClose={closeDialog}
          onSlotTaken={() => setSlotTaken(true)}
        />
      )}
    </>
  );
}
