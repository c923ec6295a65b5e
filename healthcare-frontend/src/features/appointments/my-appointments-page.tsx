import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Pagination from '@mui/material/Pagination';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { NoticeSnackbar, type Notice } from '../../components/notice-snackbar';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import type { Appointment } from '../../lib/types';
import { useListAppointmentsQuery } from './api';
import { CancelDialog } from './cancel-dialog';
import { PatientAppointmentCard } from './patient-appointment-card';
import { usePageTitle } from '../../lib/page-title';
import { RescheduleDialog } from './reschedule-dialog';

const PAGE_SIZE = 10;
type TabName = 'upcoming' | 'past';

export function MyAppointmentsPage() {
  usePageTitle('My appointments');
  const [params, setParams] = useSearchParams();
  const tab: TabName = params.get('tab') === 'past' ? 'past' : 'upcoming';
  const page = Math.max(1, Number(params.get('page')) || 1);
  // Upcoming: pending or confirmed and not over yet; Past: everything else (cancelled, completed, no-show).
  const filters =
    tab === 'upcoming' ? { when: 'upcoming' as const, ordering: 'appointment_time' } : { when: 'past' as const, ordering: '-appointment_time' };
  const { data, isLoading, isFetching, error, refetch } = useListAppointmentsQuery({ ...filters, page, page_size: PAGE_SIZE });
  const [rescheduling, setRescheduling] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const pageCount = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader
        title="My appointments"
        subtitle="Times are on the doctor’s clock, with yours beside them where it differs."
        actions={
          <Button component={RouterLink} to="/doctors" variant="contained">
            Book an appointment
          </Button>
        }
      />
      <Tabs
        value={tab}
        onChange={(_e, value: TabName) => setParams(value === 'past' ? { tab: 'past' } : {})}
        aria-label="Appointment lists"
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value="upcoming" label="Upcoming" id="tab-upcoming" aria-controls="panel-appointments" />
        <Tab value="past" label="Past" id="tab-past" aria-controls="panel-appointments" />
      </Tabs>
      <Box id="panel-appointments" role="tabpanel" aria-labelledby={`tab-${tab}`} aria-busy={isFetching}>
        {error ? (
          <ErrorState error={error} title="We couldn't load your appointments" onRetry={refetch} />
        ) : isLoading ? (
          <LoadingState label="Loading your appointments…" />
        ) : !data || data.results.length === 0 ? (
          <EmptyState
            icon={<EventBusyIcon />}
            title={tab === 'upcoming' ? 'No upcoming appointments' : 'No past appointments'}
            description={tab === 'upcoming' ? 'Find a doctor and pick a time that suits you.' : undefined}
            action={
              tab === 'upcoming' && (
                <Button component={RouterLink} to="/doctors" variant="outlined">
                  Find a doctor
                </Button>
              )
            }
          />
        ) : (
          <Stack spacing={1.5}>
            {data.results.map((appointment) => (
              <PatientAppointmentCard
                key={appointment.id}
                appointment={appointment}
                onReschedule={() => setRescheduling(appointment)}
                onCancel={() => setCancelling(appointment)}
              />
            ))}
            {pageCount > 1 && (
              <Box sx={{ display: 'flex', justifyContent: 'center', pt: 1 }}>
                <Pagination
                  count={pageCount}
                  page={page}
                  color="primary"
                  onChange={(_e, p) => setParams({ ...(tab === 'past' ? { tab } : {}), page: String(p) })}
                />
              </Box>
            )}
          </Stack>
        )}
      </Box>
      {rescheduling && (
        <RescheduleDialog
          appointment={rescheduling}
          onClose={(rescheduled, moved) => {
            setRescheduling(null);
            if (rescheduled) {
              setNotice({
                severity: 'success',
                text:
                  moved?.status === 'pending'
                    ? 'Your appointment was moved to the new time. It needs the doctor’s confirmation again.'
                    : 'Your appointment was moved to the new time.',
              });
            }
          }}
        />
      )}
      {cancelling && (
        <CancelDialog
          appointment={cancelling}
          onClose={(cancelled) => {
            setCancelling(null);
            if (cancelled) setNotice({ severity: 'success', text: 'Your appointment was cancelled.' });
          }}
        />
      )}
      <NoticeSnackbar notice={notice} onClose={() => setNotice(null)} />
    </>
  );
}
