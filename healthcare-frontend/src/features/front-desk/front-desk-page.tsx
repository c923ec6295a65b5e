import { useState } from 'react';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { NoticeSnackbar, type Notice } from '../../components/notice-snackbar';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { isWaiting } from '../../components/waiting-chip';
import { errorMessage } from '../../lib/errors';
import { formatDateLabel, todayInZone, userTimeZone } from '../../lib/time';
import type { Appointment } from '../../lib/types';
import { useChangeAppointmentStatusMutation, useListAppointmentsQuery } from '../appointments/api';
import { CancelDialog } from '../appointments/cancel-dialog';
import { RescheduleDialog } from '../appointments/reschedule-dialog';
import { useListDoctorsQuery } from '../doctors/api';
import { BookForPatient } from './book-for-patient';
import { TodayBoard } from './today-board';
import { usePageTitle } from '../../lib/page-title';
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
  const [changeStatus, change] = useChangeAppointmentStatusMutation();
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const appointments = visits.data?.results ?? [];

  async function checkIn(appointment: Appointment) {
    const result = await changeStatus({ id: appointment.id, action: 'check-in' });
    setNotice(
      'error' in result
        ? { severity: 'error', text: errorMessage(result.error, { includeFields: true }) }
        : { severity: 'success', text: `${appointment.patient_name} is checked in.` },
    );
  }

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
            busyId: change.isLoading ? (change.originalArgs?.id ?? null) : null,
            onCheckIn: (appointment) => void checkIn(appointment),
            onReschedule: setMoving,
            onCancel: setCancelling,
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
            if (moved) setNotice({ severity: 'success', text: 'Appointment moved.' });
          }}
        />
      )}
      {cancelling && (
        <CancelDialog
          appointment={cancelling}
          enforceCutoff={false}
          onClose={(cancelled) => {
            setCancelling(null);
            if (cancelled) setNotice({ severity: 'success', text: 'Appointment cancelled.' });
          }}
        />
      )}
      <NoticeSnackbar notice={notice} onClose={() => setNotice(null)} />
    </>
  );
}
