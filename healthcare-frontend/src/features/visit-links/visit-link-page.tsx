import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { AppointmentTime } from '../../components/appointment-time';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { SlotPicker } from '../../components/slot-picker';
import { errorMessage, errorStatus, SLOT_TAKEN_MESSAGE } from '../../lib/errors';
import type { Slot, VisitLink } from '../../lib/types';
import { usePageTitle } from '../../lib/page-title';
import { useAnswerVisitLinkMutation, useGetVisitLinkQuery } from './api';

const TITLES = { confirm: 'Confirm your visit', cancel: 'Cancel your visit', reschedule: 'Choose another time' };
const DONE = {
  confirm: 'Thank you: the clinic knows you will come.',
  cancel: 'Your visit is cancelled. The time is free for someone else.',
  reschedule: 'Your visit has moved. You will get a message with the new time.',
};

/** The page a link in a confirmation or reminder opens: answer for the visit without logging in. */
export function VisitLinkPage() {
  usePageTitle('Your visit');
  const { token = '' } = useParams();
  const { data, error, isLoading, refetch } = useGetVisitLinkQuery(token);
  return (
    <Box sx={{ maxWidth: 880, mx: 'auto' }}>
      <PageHeader title={data ? TITLES[data.action] : 'Your visit'} />
      {error ? (
        errorStatus(error) === 404 ? (
          <GoneNotice detail="This link is not valid. Please check that it was copied whole, or log in to see your visits." />
        ) : (
          <ErrorState error={error} onRetry={refetch} />
        )
      ) : isLoading || !data ? (
        <LoadingState />
      ) : (
        <VisitLinkCard token={token} link={data} />
      )}
    </Box>
  );
}

function VisitLinkCard({ token, link }: { token: string; link: VisitLink }) {
  const [answer, { data: answered, error, isLoading, reset }] = useAnswerVisitLinkMutation();
  const [reason, setReason] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const { appointment, action } = answered ?? link;
  const gone = errorStatus(error) === 410;

  async function submit() {
    const result = await answer({ token, reason: reason || undefined, appointment_time: slot?.start });
    if ('error' in result && errorStatus(result.error) === 409) setSlot(null);
  }

  return (
    <Card>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={2}>
          <Box>
            <Typography variant="h6" component="h2">
              {appointment.doctor.name}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {appointment.doctor.specialty}
            </Typography>
            <Box sx={{ mt: 1 }}>
              <AppointmentTime value={appointment.appointment_time} end={appointment.end_time} timeZone={appointment.timezone} />
            </Box>
          </Box>
          {answered ? (
            <Alert severity="success" role="status">
              {DONE[action]}
            </Alert>
          ) : link.state !== 'ready' || gone ? (
            <GoneNotice detail={gone ? errorMessage(error) : link.detail} />
          ) : (
            <>
              {error && (
                <Alert severity={errorStatus(error) === 409 ? 'warning' : 'error'} role="alert">
                  {errorStatus(error) === 409 ? SLOT_TAKEN_MESSAGE : errorMessage(error, { includeFields: true })}
                </Alert>
              )}
              {action === 'confirm' && <Typography>Will you come to this visit?</Typography>}
              {action === 'cancel' && (
                <>
                  <Typography>
                    Visits can be cancelled online up to {link.cancellation_cutoff_hours} hours before they start; after that,
                    please call the clinic.
                  </Typography>
                  <TextField
                    label="Reason for cancelling (optional)"
                    value={reason}
                    onChange={(e) => {
                      reset();
                      setReason(e.target.value);
                    }}
                    slotProps={{ htmlInput: { maxLength: 2000 } }}
                  />
                </>
              )}
              {action === 'reschedule' && (
                <SlotPicker
                  doctorId={appointment.doctor.id}
                  timeZone={appointment.timezone}
                  selectedStart={slot?.start}
                  disabledStarts={[appointment.appointment_time]}
                  dayHeadingLevel="h3"
                  onSelect={(chosen) => {
                    reset();
                    setSlot(chosen);
                  }}
                />
              )}
              <Box>
                <Button
                  variant="contained"
                  color={action === 'cancel' ? 'error' : 'primary'}
                  loading={isLoading}
                  disabled={action === 'reschedule' && !slot}
                  onClick={submit}
                >
                  {action === 'confirm' ? 'Yes, I will come' : action === 'cancel' ? 'Cancel the visit' : 'Move my visit'}
                </Button>
              </Box>
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

function GoneNotice({ detail }: { detail: string }) {
  return (
    <Alert
      severity="info"
      role="status"
      action={
        <Button component={RouterLink} to="/login" color="inherit" size="small">
          Log in
        </Button>
      }
    >
      {detail} You can see and change your visits after logging in.
    </Alert>
  );
}
