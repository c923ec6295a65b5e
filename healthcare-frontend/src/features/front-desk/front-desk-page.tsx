import { useState } from 'react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { isWaiting } from '../../components/waiting-chip';
import { usePageTitle } from '../../lib/page-title';
import { formatDateLabel, todayInZone, userTimeZone } from '../../lib/time';
import type { Appointment } from '../../lib/types';
import { useListAppointmentsQuery } from '../appointments/api';
import { RescheduleDialog } from '../appointments/reschedule-dialog';
import { useVisitActions } from '../appointments/use-visit-actions';
import { useListDoctorsQuery } from '../doctors/api';
import { BookForPatient } from './book-for-patient';
import { TodayBoard } from './today-board';
import { WaitingRoom } from './waiting-room';

/** The front desk's day: who is waiting, every doctor's schedule, and booking for callers. */
export function FrontDeskPage() {
  usePageTitle('Front desk');
  const today = todayInZone(userTimeZone());
  const doctors = useListDoctorsQuery({ ordering: 'name', page_size: 100 });
  const visits = useListAppointmentsQuery(
    { date_from: today, date_to: today, ordering: 'appointment_time', page_size: 100 },
    { pollingInterval: 30_000, skipPollingIfUnfocused: true },
  );
  const actions = useVisitActions();
  const [moving, setMoving] = useState<Appointment | null>(null);
  const appointments = visits.data?.results ?? [];


  return (
    <>
      <PageHeader
        title="Front desk"
        subtitle={`${formatDateLabel(today, 'EEEE d MMMM')} · ${appointments.filter(isWaiting).length} waiting`}
      />
      <Card component="section" aria-labelledby="waiting-room-title" sx={{ mb: 3 }}>
        <CardContent>
          <Typography id="waiting-room-title" variant="h3" component="h2" gutterBottom>
            Waiting room
          </Typography>
          <WaitingRoom appointments={appointments} />
        </CardContent>
      </Card>

      <Typography variant="h3" component="h2" sx={{ mb: 1.5 }}>
        Today&apos;s schedule
      </Typography>
      {visits.error || doctors.error ? (
        <ErrorState
          error={visits.error ?? doctors.error}
          title="We couldn't load today's schedule"
          onRetry={() => {
            void visits.refetch();
            void doctors.refetch();
          }}
        />
      ) : visits.isLoading || doctors.isLoading ? (
        <LoadingState label="Loading today's schedule…" />
      ) : (
        <TodayBoard
          doctors={doctors.data?.results ?? []}
          appointments={appointments}
          actions={{
            busyId: actions.busyId,
            onCheckIn: (appointment) => void actions.act(appointment, 'check-in', `${appointment.patient_name} is checked in.`),
            onReschedule: setMoving,
            onCancel: actions.cancel,
          }}
        />
      )}

      <Card component="section" aria-labelledby="book-title" sx={{ mt: 3 }}>
        <CardContent>
          <Typography id="book-title" variant="h3" component="h2" gutterBottom>
            Book for a patient
          </Typography>
          <BookForPatient doctors={doctors.data?.results ?? []} />
        </CardContent>
      </Card>

      {moving && (
        <RescheduleDialog
          appointment={moving}
          enforceCutoff={false}
          onClose={(moved) => {
            setMoving(null);
            if (moved) actions.notify({ severity: 'success', text: 'Appointment moved.' });
          }}
        />
      )}
      {actions.dialogs}
    </>
  );
}
