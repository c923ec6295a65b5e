import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import PlaceOutlinedIcon from '@mui/icons-material/PlaceOutlined';
import { DoctorAvatar } from '../../components/doctor-avatar';
import { VisuallyHidden } from '../../components/visually-hidden';
import { useCurrency } from '../../lib/api';
import { formatMoney } from '../../lib/format';
import { formatInZone, userTimeZone, zonesDiffer } from '../../lib/time';
import type { Doctor } from '../../lib/types';

export function NextAvailable({ doctor }: { doctor: Doctor }) {
  if (!doctor.next_available) {
    return (
      <Typography variant="body2" color="text.secondary">
        No free times in the booking window
      </Typography>
    );
  }
  const local = userTimeZone();
  return (
    <Typography variant="body2" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'success.dark', fontWeight: 600 }}>
      <EventAvailableIcon fontSize="small" aria-hidden />
      <span>
        Next available: {formatInZone(doctor.next_available, doctor.timezone, 'EEE d MMM, HH:mm')}
        {zonesDiffer(doctor.timezone, local) && (
          <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>
            {' '}
            ({formatInZone(doctor.next_available, local, 'EEE HH:mm')} your time)
          </Box>
        )}
      </span>
    </Typography>
  );
}

export function DoctorCard({ doctor }: { doctor: Doctor }) {
  const currency = useCurrency();
  const href = `/doctors/${doctor.id}`;
  return (
    <Card component="article" aria-labelledby={`doctor-${doctor.id}-name`} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ display: 'flex', gap: 2, flex: 1 }}>
        <DoctorAvatar name={doctor.full_name} />
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <Typography variant="h3" component="h2" id={`doctor-${doctor.id}-name`} sx={{ fontSize: '1.1rem' }}>
            <Link component={RouterLink} to={href} underline="hover" color="inherit">
              {doctor.full_name}
            </Link>
          </Typography>
          <Chip label={doctor.specialization} size="small" color="primary" variant="outlined" sx={{ mt: 0.5, mb: 1 }} />
          <Typography variant="body2" color="text.secondary">
            {doctor.clinic_name}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
            <PlaceOutlinedIcon sx={{ fontSize: 16 }} aria-hidden />
            {doctor.city}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            Consultation fee: <strong>{formatMoney(doctor.consultation_fee, currency)}</strong>
          </Typography>
          <Box sx={{ mt: 1 }}>
            <NextAvailable doctor={doctor} />
          </Box>
        </Box>
      </CardContent>
      <Box sx={{ px: 2, pb: 2 }}>
        <Button component={RouterLink} to={href} variant="contained" fullWidth>
          Book an appointment<VisuallyHidden> with {doctor.full_name}</VisuallyHidden>
        </Button>
      </Box>
    </Card>
  );
}
