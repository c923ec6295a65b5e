import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { AppointmentTime } from '../../components/appointment-time';
import { errorMessage } from '../../lib/errors';
import { formatDateLabel } from '../../lib/time';
import type { Role, WaitlistEntry, WaitlistStatus } from '../../lib/types';
import { useAcceptOfferMutation, useCancelWaitlistEntryMutation, useDeclineOfferMutation } from './api';
import { formatCountdown, useSecondsLeft } from './countdown';

const STATUS: Record<WaitlistStatus, { label: string; color: 'default' | 'info' | 'success' | 'warning' }> = {
  waiting: { label: 'Waiting', color: 'info' },
  offered: { label: 'Offer held for you', color: 'warning' },
  booked: { label: 'Booked', color: 'success' },
  expired: { label: 'Offer expired', color: 'default' },
  cancelled: { label: 'Cancelled', color: 'default' },
};

function waitingFor(entry: WaitlistEntry): string {
  const days =
    entry.date_from === entry.date_to
      ? formatDateLabel(entry.date_from)
      : `${formatDateLabel(entry.date_from)} – ${formatDateLabel(entry.date_to)}`;
  if (!entry.time_from && !entry.time_to) return `${days}, any time`;
  return `${days}, starting ${entry.time_from ? `from ${entry.time_from}` : ''}${entry.time_from && entry.time_to ? ' ' : ''}${entry.time_to ? `before ${entry.time_to}` : ''}`;
}

/** One waitlist entry; a live offer shows its countdown and, for the patient or admin, accept/decline. */
export function WaitlistEntryCard({
  entry,
  role,
  prominent = false,
  onExpired,
}: {
  entry: WaitlistEntry;
  role: Role;
  prominent?: boolean;
  onExpired?: () => void;
}) {
  const [accept, accepting] = useAcceptOfferMutation();
  const [decline, declining] = useDeclineOfferMutation();
  const [cancel, cancelling] = useCancelWaitlistEntryMutation();
  const offer = entry.status === 'offered' ? entry.offer : null;
  const secondsLeft = useSecondsLeft(offer?.expires_at);
  // The patient answers, or an admin for them; the front desk and doctors only see the offer.
  const canAnswer = (role === 'patient' || role === 'admin') && offer !== null && secondsLeft > 0;
  const busy = accepting.isLoading || declining.isLoading || cancelling.isLoading;
  const failure = accepting.error ?? declining.error ?? cancelling.error;
  const who = role === 'patient' ? entry.doctor_name : `${entry.patient_name} for ${entry.doctor_name}`;
  const runOut = offer !== null && secondsLeft === 0;
  // When the hold runs out, ask the server again: the entry is expired and the slot passed on.
  useEffect(() => {
    if (runOut) onExpired?.();
  }, [runOut, onExpired]);

  return (
    <Card component="article" aria-label={`Waitlist entry: ${who}`} variant={prominent ? 'outlined' : undefined}>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h3" component="h3" sx={{ fontSize: '1.05rem' }}>
            {who}
          </Typography>
          <Chip size="small" variant="outlined" color={STATUS[entry.status].color} label={STATUS[entry.status].label} />
        </Box>
        <Typography variant="body2" color="text.secondary">
          Waiting for: {entry.visit_type_name ? `${entry.visit_type_name}, ` : ''}
          {waitingFor(entry)} ({entry.doctor_timezone})
        </Typography>
        {offer && (
          <Box sx={{ p: 1.5, borderRadius: 1, bgcolor: 'action.hover' }}>
            <Typography sx={{ fontWeight: 600 }}>A time freed up:</Typography>
            <AppointmentTime value={offer.appointment_time} end={offer.end_time} timeZone={entry.doctor_timezone} />
            <Typography role="timer" aria-live="off" sx={{ mt: 0.5 }}>
              {secondsLeft > 0
                ? `Held ${role === 'patient' ? 'for you ' : ''}for ${formatCountdown(secondsLeft)}`
                : 'The hold has run out.'}
            </Typography>
          </Box>
        )}
        {accepting.isSuccess && (
          <Alert severity="success" role="status">
            Booked! <Link component={RouterLink} to={role === 'patient' ? '/appointments' : '/doctor'}>See the appointment</Link>
          </Alert>
        )}
        {failure && (
          <Alert severity="error" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {canAnswer && (
            <>
              <Button variant="contained" size={prominent ? 'large' : 'small'} disabled={busy} onClick={() => accept(entry.id)}>
                Accept this time
              </Button>
              <Button variant="outlined" size={prominent ? 'large' : 'small'} disabled={busy} onClick={() => decline(entry.id)}>
                Decline
              </Button>
            </>
          )}
          {(entry.status === 'waiting' || entry.status === 'offered') && (
            <Button variant="text" color="error" size="small" disabled={busy} onClick={() => cancel(entry.id)}>
              Leave the waitlist
            </Button>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}
