import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Appointment, Doctor } from '../../lib/types';
import { DeskVisitCard } from './desk-visit-card';

export interface BoardActions {
  busyId: number | null;
  onCheckIn: (appointment: Appointment) => void;
  onReschedule: (appointment: Appointment) => void;
  onCancel: (appointment: Appointment) => void;
}

/** Today's schedule of every doctor side by side: one column each, scrolling sideways on a phone. */
export function TodayBoard({
  doctors,
  appointments,
  actions,
  now,
}: {
  doctors: Doctor[];
  appointments: Appointment[];
  actions: BoardActions;
  now?: Date;
}) {
  const byDoctor = new Map<number, Appointment[]>(doctors.map((doctor) => [doctor.id, []]));
  for (const appointment of appointments) byDoctor.get(appointment.doctor)?.push(appointment);
  return (
    <Box
      sx={{
        display: 'grid',
        gridAutoFlow: 'column',
        gridAutoColumns: { xs: '85%', sm: 'minmax(240px, 1fr)' },
        gap: 1.5,
        overflowX: 'auto',
        scrollSnapType: 'x mandatory',
        pb: 1,
      }}
    >
      {doctors.map((doctor) => {
        const visits = byDoctor.get(doctor.id) ?? [];
        return (
          <Paper
            key={doctor.id}
            variant="outlined"
            component="section"
            aria-label={`Today with ${doctor.full_name}`}
            sx={{ p: 1.5, scrollSnapAlign: 'start', bgcolor: 'grey.50', minWidth: 0 }}
          >
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, lineHeight: 1.3 }}>
              {doctor.full_name}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {doctor.specialization} · {visits.filter((v) => v.status !== 'cancelled').length} visits
            </Typography>
            {visits.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No visits today.
              </Typography>
            ) : (
              <Box component="ul" sx={{ m: 0, p: 0, display: 'grid', gap: 1 }}>
                {visits.map((appointment) => (
                  <DeskVisitCard
                    key={appointment.id}
                    appointment={appointment}
                    timeZone={doctor.timezone}
                    busy={actions.busyId === appointment.id}
                    onCheckIn={() => actions.onCheckIn(appointment)}
                    onReschedule={() => actions.onReschedule(appointment)}
                    onCancel={() => actions.onCancel(appointment)}
                    now={now}
                  />
                ))}
              </Box>
            )}
          </Paper>
        );
      })}
    </Box>
  );
}
