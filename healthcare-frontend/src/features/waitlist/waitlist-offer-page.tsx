import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { errorStatus } from '../../lib/errors';
import { usePageTitle } from '../../lib/page-title';
import { useCurrentUser } from '../../lib/session';
import { useGetWaitlistEntryQuery } from './api';
import { WaitlistEntryCard } from './waitlist-entry-card';

/** Where the offer email's link lands: the one entry, with "Accept this time" one click away. */
export function WaitlistOfferPage() {
  usePageTitle('Waitlist offer');
  const { entryId } = useParams();
  const id = Number(entryId);
  const { me } = useCurrentUser();
  const { data, error, isLoading, refetch } = useGetWaitlistEntryQuery(id, { skip: !Number.isInteger(id) });
  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        <Link component={RouterLink} to="/waitlist" underline="hover" color="inherit">
          Waitlist
        </Link>
        <Typography color="text.primary">Offer</Typography>
      </Breadcrumbs>
      <PageHeader title="Your waitlist offer" />
      {!Number.isInteger(id) || errorStatus(error) === 404 ? (
        <Alert severity="info" role="status">
          This waitlist entry could not be found. <Link component={RouterLink} to="/waitlist">See your waitlist</Link>
        </Alert>
      ) : error ? (
        <ErrorState error={error} title="We couldn't load this offer" onRetry={refetch} />
      ) : isLoading || !data ? (
        <LoadingState label="Loading the offer…" />
      ) : (
        <>
          {data.status === 'expired' && (
            <Alert severity="info" role="status" sx={{ mb: 2 }}>
              This offer ran out and the time went to the next patient waiting. Join the waitlist again from the
              doctor&apos;s page to hear about the next free time.
            </Alert>
          )}
          <WaitlistEntryCard entry={data} role={me?.role ?? 'patient'} prominent onExpired={refetch} />
        </>
      )}
    </>
  );
}
