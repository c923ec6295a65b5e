import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../../lib/session';
import { LeaveDaysEditor } from './leave-days-editor';
import { VisitTypesEditor } from './visit-types-editor';
import { usePageTitle } from '../../lib/page-title';
import { WorkingHoursEditor } from './working-hours-editor';

export function AvailabilityPage() {
  usePageTitle('Availability');
  const { me } = useCurrentUser();
  const doctor = me?.doctor;
  if (!doctor) return <Alert severity="warning">Your account has no doctor profile yet.</Alert>;
  return (
    <>
      <PageHeader
        title="Availability"
        subtitle={`Weekly hours and leave, in your time zone (${doctor.timezone}). Patients can book ${doctor.slot_minutes}-minute slots inside your hours.`}
      />
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, alignItems: 'start' }}>
        <Card component="section" aria-labelledby="hours-heading">
          <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h3" component="h2" id="hours-heading" gutterBottom>
              Weekly hours
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              Add one or more intervals per day. Select an interval to change it.
            </Typography>
            <WorkingHoursEditor doctorId={doctor.id} />
          </CardContent>
        </Card>
        <Card component="section" aria-labelledby="leave-heading">
          <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
            <Typography variant="h3" component="h2" id="leave-heading" gutterBottom>
              Leave days
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              No slots are offered on leave days. Existing bookings are kept and listed for you to move.
            </Typography>
            <LeaveDaysEditor doctorId={doctor.id} timeZone={doctor.timezone} />
          </CardContent>
        </Card>
      </Box>
      <Card component="section" aria-labelledby="visit-types-heading" sx={{ mt: 3 }}>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography variant="h3" component="h2" id="visit-types-heading" gutterBottom>
            Visit types
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Patients choose a type before a time. A type&apos;s visits start on your {doctor.slot_minutes}-minute grid;
            its set-up time after the visit keeps the next one away.
          </Typography>
          <VisitTypesEditor doctorId={doctor.id} />
        </CardContent>
      </Card>
    </>
  );
}
