import Alert from '@mui/material/Alert';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { useCurrentUser } from '../../lib/session';
import { useGetPatientHistoryQuery } from './api';
import { usePageTitle } from '../../lib/page-title';
import { PatientHistoryView } from './patient-history';

export function MyRecordsPage() {
  usePageTitle('History and records');
  const { me } = useCurrentUser();
  const patientId = me?.patient?.id;
  const { data, error, isLoading, refetch } = useGetPatientHistoryQuery(patientId ?? 0, { skip: !patientId });

  return (
    <>
      <PageHeader title="History and records" subtitle="Your visits and what your doctors wrote down." />
      {!patientId ? (
        <Alert severity="warning">Your account has no patient profile.</Alert>
      ) : error ? (
        <ErrorState error={error} title="We couldn't load your history" onRetry={refetch} />
      ) : isLoading || !data ? (
        <LoadingState label="Loading your history…" />
      ) : (
        <PatientHistoryView history={data} />
      )}
    </>
  );
}
