import { Link as RouterLink } from 'react-router';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import { usePageTitle } from '../../lib/page-title';
import { useCurrentUser } from '../../lib/session';
import { useListWaitlistQuery } from './api';
import { WaitlistEntryCard } from './waitlist-entry-card';

/** A patient's own waitlist entries and offers; a doctor's waitlist; every entry for admins. */
export function WaitlistPage() {
  usePageTitle('Waitlist');
  const { me } = useCurrentUser();
  // Offers come and go while the page is open: look again every half minute.
  const { data, error, isLoading, refetch } = useListWaitlistQuery(undefined, { pollingInterval: 30_000 });
  const role = me?.role ?? 'patient';
  const subtitle =
    role === 'patient'
      ? 'When a time you wait for frees up, we hold it for you and tell you by email and SMS.'
      : role === 'doctor'
        ? 'Patients waiting for a time with you. Freed times are offered to them automatically.'
        : 'Everyone waiting for a time, and the offers on hold.';
  return (
    <>
      <PageHeader title={role === 'patient' ? 'My waitlist' : 'Waitlist'} subtitle={subtitle} />
      {error ? (
        <ErrorState error={error} title="We couldn't load the waitlist" onRetry={refetch} />
      ) : isLoading || !data ? (
        <LoadingState label="Loading the waitlist…" />
      ) : data.results.length === 0 ? (
        <EmptyState
          title="Nobody is waiting"
          description={role === 'patient' ? 'On a doctor’s page, choose “Notify me when a time frees up”.' : undefined}
          action={
            role === 'patient' ? (
              <Button component={RouterLink} to="/doctors" variant="contained">
                Find a doctor
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Stack spacing={2}>
          {data.results.map((entry) => (
            <WaitlistEntryCard key={entry.id} entry={entry} role={role} onExpired={refetch} />
          ))}
        </Stack>
      )}
    </>
  );
}
