import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { errorStatus } from '../../lib/errors';
import { fullName } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import { useGetPatientHistoryQuery } from './api';
import { usePageTitle } from '../../lib/page-title';
import { SeriesPanel } from '../series/series-panel';
import { PatientHistoryView, PatientSummary } from './patient-history';

/** A doctor's (or admin's) view of one patient's history, where the doctor writes records. */
export function DoctorPatientPage() {
  const { patientId } = useParams();
  const [params] = useSearchParams();
  const id = Number(patientId);
  const { me } = useCurrentUser();
  const { data, error, isLoading, refetch } = useGetPatientHistoryQuery(id, { skip: !Number.isInteger(id) });
  usePageTitle(data ? `${fullName(data.patient.user)} · Patient history` : 'Patient history');
  const highlight = Number(params.get('appointment')) || undefined;

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
        <Link component={RouterLink} to={me?.role === 'admin' ? '/admin-area' : '/doctor'} underline="hover" color="inherit">
          {me?.role === 'admin' ? 'Admin' : 'Dashboard'}
        </Link>
        <Typography color="text.primary">Patient history</Typography>
      </Breadcrumbs>
      <PageHeader title={data ? fullName(data.patient.user) : 'Patient history'} subtitle="Appointments and medical records" />
      {!Number.isInteger(id) || errorStatus(error) === 404 ? (
        <Alert severity="info" role="status">This patient could not be found, or has no appointment with you.</Alert>
      ) : error ? (
        <ErrorState error={error} title="We couldn't load this patient's history" onRetry={refetch} />
      ) : isLoading || !data ? (
        <LoadingState label="Loading the history…" />
      ) : (
        <>
          <PatientSummary history={data} />
          <SeriesPanel patientId={id} ownDoctor={me?.role === 'doctor' ? me.doctor : undefined} />
          <PatientHistoryView
            history={data}
            authorDoctorId={me?.doctor?.id}
            highlightAppointmentId={highlight}
            timeZone={me?.doctor?.timezone}
          />
        </>
      )}
    </>
  );
}
