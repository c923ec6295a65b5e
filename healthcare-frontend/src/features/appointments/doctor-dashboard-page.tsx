import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeader } from '../../components/page-header';
import { isWaiting } from '../../components/waiting-chip';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import { usePageTitle } from '../../lib/page-title';
import { useCurrentUser } from '../../lib/session';
import { addDaysToDate, dateInZone, formatDateLabel, formatInZone, todayInZone } from '../../lib/time';
import type { Appointment, AppointmentAction, Doctor, IsoDate } from '../../lib/types';
import { useListAppointmentsQuery } from './api';
import { DoctorAppointmentRow } from './doctor-appointment-row';
import { useVisitActions } from './use-visit-actions';

const ACTION_DONE: Record<AppointmentAction, string> = {
  confirm: 'Appointment confirmed.',
  complete: 'Visit marked as completed.',
  'no-show': 'Marked as no-show.',
  'check-in': 'Patient checked in.',
};

export function DoctorDashboardPage() {
  usePageTitle('Dashboard');
  const { me } = useCurrentUser();
  if (!me?.doctor) {
    return <Alert severity="warning">Your account has no doctor profile yet. Ask an administrator to set it up.</Alert>;
  }
  return <Dashboard doctor={me.doctor} firstName={me.first_name} />;
}

function Dashboard({ doctor, firstName }: { doctor: Doctor; firstName: string }) {
  const zone = doctor.timezone;
  const today = todayInZone(zone);
  const [weekStart, setWeekStart] = useState<IsoDate>(today);
  const weekEnd = addDaysToDate(weekStart, 6);
  const { data, isLoading, isFetching, error, refetch } = useListAppointmentsQuery(
    { date_from: weekStart, date_to: weekEnd, ordering: 'appointment_time', page_size: 100 },
    { pollingInterval: 60_000, skipPollingIfUnfocused: true },
  );
  const visits = useVisitActions();
  const [asking, setAsking] = useState<{ appointment: Appointment; action: 'complete' | 'no-show' } | null>(null);

  const byDay = useMemo(() => {
    const days = new Map<IsoDate, Appointment[]>();
    for (const appointment of data?.results ?? []) {
      const day = dateInZone(appointment.appointment_time, zone);
      days.set(day, [...(days.get(day) ?? []), appointment]);
    }
    return days;
  }, [data, zone]);

  const todays = byDay.get(today) ?? [];
  const active = (data?.results ?? []).filter((a) => a.status === 'pending' || a.status === 'confirmed');
  const pending = active.filter((a) => a.status === 'pending').length;
  const waiting = todays.filter(isWaiting).length;

  const act = (appointment: Appointment, action: AppointmentAction) => visits.act(appointment, action, ACTION_DONE[action]);

  const renderList = (appointments: Appointment[]) => (
    <Box component="ul" sx={{ m: 0, p: 0 }}>
      {appointments.map((appointment) => (
        <DoctorAppointmentRow
          key={appointment.id}
          appointment={appointment}
          timeZone={zone}
          busy={visits.busyId === appointment.id}
          onAction={(action) =>
            // Complete and no-show cannot be undone: asked first. Confirm and check-in just happen.
            action === 'complete' || action === 'no-show' ? setAsking({ appointment, action }) : void act(appointment, action)
          }
          onCancel={() => visits.cancel(appointment)}
        />
      ))}
    </Box>
  );

  return (
    <>
      <PageHeader
        title={`Good day, Dr. ${firstName || doctor.full_name}`}
        subtitle={`Your agenda in ${zone}.`}
      />
      <Box sx={{ display: 'grid', gap: { xs: 1, sm: 2 }, gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', mb: 3 }}>
        <Stat label="Today" value={todays.filter((a) => a.status !== 'cancelled').length} />
        <Stat label="Waiting" value={waiting} />
        <Stat label="To confirm" value={pending} />
        <Stat label="Booked this week" value={active.length} />
      </Box>

      {error ? (
        <ErrorState error={error} title="We couldn't load your appointments" onRetry={refetch} />
      ) : isLoading ? (
        <LoadingState label="Loading your agenda…" />
      ) : (
        <>
          {weekStart <= today && today <= weekEnd && (
            <Card sx={{ mb: 3 }}>
              <CardContent sx={{ pb: 1 }}>
                <Typography variant="h3" component="h2">
                  Today · {formatDateLabel(today, 'EEEE d MMMM')}
                </Typography>
              </CardContent>
              {todays.length ? (
                renderList(todays)
              ) : (
                <CardContent>
                  <Typography color="text.secondary">No appointments today.</Typography>
                </CardContent>
              )}
            </Card>
          )}

          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
            <Typography variant="h3" component="h2" sx={{ flex: 1, minWidth: 200 }}>
              Week of {formatDateLabel(weekStart, 'd MMM')} – {formatDateLabel(weekEnd, 'd MMM yyyy')}
            </Typography>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, ml: 'auto' }}>
              <IconButton aria-label="Previous week" onClick={() => setWeekStart(addDaysToDate(weekStart, -7))}>
                <ChevronLeftIcon />
              </IconButton>
              <Button size="small" variant="outlined" onClick={() => setWeekStart(today)} disabled={weekStart === today}>
                This week
              </Button>
              <IconButton aria-label="Next week" onClick={() => setWeekStart(addDaysToDate(weekStart, 7))}>
                <ChevronRightIcon />
              </IconButton>
            </Box>
          </Box>
          <Box aria-busy={isFetching}>
            {byDay.size === 0 ? (
              <EmptyState title="No appointments this week" description="New bookings will show up here." />
            ) : (
              [...byDay.entries()].map(([day, appointments]) => (
                <Paper key={day} variant="outlined" sx={{ mb: 2 }} component="section" aria-label={formatDateLabel(day, 'EEEE d MMMM')}>
                  <Typography
                    variant="subtitle1"
                    component="h3"
                    sx={{ px: 2, py: 1, fontWeight: 700, bgcolor: day === today ? 'rgba(11,110,121,0.08)' : 'transparent', borderBottom: '1px solid', borderColor: 'divider' }}
                  >
                    {formatDateLabel(day, 'EEEE d MMMM')}
                    {day === today ? ' · Today' : ''}
                  </Typography>
                  {renderList(appointments)}
                </Paper>
              ))
            )}
            {data && data.count > data.results.length && (
              <Alert severity="info" role="status">Showing the first {data.results.length} of {data.count} appointments this week.</Alert>
            )}
          </Box>
        </>
      )}
      {asking && (
        <ConfirmDialog
          title={asking.action === 'complete' ? 'Mark this visit as completed?' : 'Mark this visit as a no-show?'}
          confirmLabel={asking.action === 'complete' ? 'Mark completed' : 'Mark no-show'}
          color={asking.action === 'complete' ? 'success' : 'warning'}
          onConfirm={() => act(asking.appointment, asking.action)}
          onClose={() => setAsking(null)}
        >
          {asking.appointment.patient_name},{' '}
          {formatInZone(asking.appointment.appointment_time, zone, "EEEE d MMMM, HH:mm")}. This cannot be undone.
        </ConfirmDialog>
      )}
      {visits.dialogs}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 1.5, sm: 2 } }}>
      <Typography variant="body2" color="text.secondary" sx={{ fontSize: { xs: '0.75rem', sm: '0.875rem' } }}>
        {label}
      </Typography>
      <Typography sx={{ fontSize: { xs: '1.4rem', sm: '1.8rem' }, fontWeight: 700, color: 'primary.dark' }}>{value}</Typography>
    </Paper>
  );
}
