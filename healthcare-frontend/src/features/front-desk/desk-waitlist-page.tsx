import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import { usePageTitle } from '../../lib/page-title';
import type { Doctor } from '../../lib/types';
import { useListDoctorsQuery } from '../doctors/api';
import { useListWaitlistQuery } from '../waitlist/api';
import { JoinWaitlistCard } from '../waitlist/join-waitlist-card';
import { WaitlistEntryCard } from '../waitlist/waitlist-entry-card';
import { PatientAndDoctor } from './patient-and-doctor';

/** The front desk's waitlist: put a caller on a doctor's waitlist for a kind of visit; everyone waiting. */
export function DeskWaitlistPage() {
  usePageTitle('Waitlist');
  const doctors = useListDoctorsQuery({ ordering: 'name', page_size: 100 });
  // Offers come and go while the page is open: look again every half minute.
  const entries = useListWaitlistQuery(undefined, { pollingInterval: 30_000, skipPollingIfUnfocused: true });
  return (
    <>
      <PageHeader
        title="Waitlist"
        subtitle="Put a patient on a doctor's waitlist when no time suits them; freed times are offered to them automatically."
      />
      <Card component="section" aria-labelledby="add-to-waitlist-title" sx={{ mb: 3 }}>
        <CardContent>
          <Typography id="add-to-waitlist-title" variant="h3" component="h2" gutterBottom>
            Add a patient
          </Typography>
          <AddToWaitlist doctors={doctors.data?.results ?? []} />
        </CardContent>
      </Card>
      <Typography variant="h3" component="h2" sx={{ mb: 1.5 }}>
        Everyone waiting
      </Typography>
      {entries.error ? (
        <ErrorState error={entries.error} title="We couldn't load the waitlist" onRetry={entries.refetch} />
      ) : entries.isLoading || !entries.data ? (
        <LoadingState label="Loading the waitlist…" />
      ) : entries.data.results.length === 0 ? (
        <EmptyState title="Nobody is waiting" />
      ) : (
        <Stack spacing={2}>
          {entries.data.results.map((entry) => (
            <WaitlistEntryCard key={entry.id} entry={entry} role="front_desk" onExpired={entries.refetch} />
          ))}
        </Stack>
      )}
    </>
  );
}

/** Who waits, for which doctor and kind of visit; then the dates and hours. */
function AddToWaitlist({ doctors }: { doctors: Doctor[] }) {
  return (
    <PatientAndDoctor doctors={doctors} purpose="Waitlist for">
      {({ patient, patientName, doctor, visitType }) => (
        <JoinWaitlistCard
          key={`${patient.id}-${doctor.id}-${visitType?.id ?? ''}`}
          doctor={doctor}
          visitType={visitType}
          patient={{ id: patient.id, name: patientName }}
        />
      )}
    </PatientAndDoctor>
  );
}
