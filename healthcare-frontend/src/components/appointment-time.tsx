import Typography from '@mui/material/Typography';
import { formatDateTime, formatInZone, userTimeZone, zoneAbbreviation, zonesDiffer } from '../lib/time';
import type { IsoDateTime } from '../lib/types';

/**
 * The start of a visit on the doctor's clock, plus the viewer's local time when their zone differs.
 * With `end`, the visit's end time follows the start ("09:00–09:30").
 * Without the doctor's zone (not in every payload), the viewer's local time is shown.
 */
export function AppointmentTime({ value, end, timeZone }: { value: IsoDateTime; end?: IsoDateTime; timeZone?: string }) {
  const local = userTimeZone();
  const zone = timeZone ?? local;
  return (
    <>
      <Typography component="span" sx={{ fontWeight: 600, display: 'block' }}>
        {formatDateTime(value, zone)}
        {end && `–${formatInZone(end, zone, 'HH:mm')}`}{' '}
        <Typography component="span" variant="body2" color="text.secondary">{zoneAbbreviation(value, zone)}</Typography>
      </Typography>
      {zonesDiffer(zone, local) && (
        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
          {formatInZone(value, local, 'EEE d MMM, HH:mm')} your time ({zoneAbbreviation(value, local)})
        </Typography>
      )}
    </>
  );
}
