import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
import { EmptyState } from '../../components/page-states';
import { StatusChip } from '../../components/status-chip';
import { formatDateLabel, formatInZone, userTimeZone, zoneAbbreviation } from '../../lib/time';
import { isFullVisit, type Appointment, type MedicalRecord, type OtherDoctorVisit, type PatientHistory as History } from '../../lib/types';
import { RecordDialog } from './record-dialog';

type Editing = { appointment: Appointment; record?: MedicalRecord };

function when(value: string, timeZone: string): string {
  return `${formatInZone(value, timeZone, 'EEE d MMM yyyy, HH:mm')} ${zoneAbbreviation(value, timeZone)}`;
}

function RecordField({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="overline" color="text.secondary" component="h4" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{value}</Typography>
    </Box>
  );
}

/**
 * A patient's appointments and medical records. Read-only for the patient; a doctor (`authorDoctorId`)
 * can write records for their own visits and edit their own records. Times are on `timeZone`'s
 * clock: the viewer's by default, the doctor's own on the doctor's pages (as on their dashboard).
 */
export function PatientHistoryView({
  history,
  authorDoctorId,
  highlightAppointmentId,
  timeZone = userTimeZone(),
}: {
  history: History;
  authorDoctorId?: number;
  highlightAppointmentId?: number;
  timeZone?: string;
}) {
  const at = (value: string) => when(value, timeZone);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState(false);
  const appointmentsById = new Map(history.appointments.map((a) => [a.id, a]));
  const records = [...history.medical_records].sort((a, b) => b.created_at.localeCompare(a.created_at));
  // What happened, not what is planned: visits that have begun (and the one the page is about).
  const now = Date.now();
  const appointments = history.appointments
    .filter((a) => Date.parse(a.appointment_time) <= now || a.id === highlightAppointmentId)
    .sort((a, b) => b.appointment_time.localeCompare(a.appointment_time));
  const canWrite = (a: Appointment | OtherDoctorVisit): a is Appointment =>
    authorDoctorId !== undefined && isFullVisit(a) && a.doctor === authorDoctorId && a.status !== 'cancelled';

  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, alignItems: 'start' }}>
      <Box component="section" aria-labelledby="records-heading">
        <Typography variant="h3" component="h2" id="records-heading" sx={{ mb: 1.5 }}>
          Medical records
        </Typography>
        {records.length === 0 ? (
          <EmptyState
            icon={<DescriptionOutlinedIcon />}
            title="No medical records yet"
            description={
              authorDoctorId === undefined
                ? 'Records written by your doctors after a visit appear here.'
                : 'Write the first one with “Add record” on one of your visits.'
            }
          />
        ) : (
          <Stack spacing={1.5}>
            {records.map((record) => {
              const found = appointmentsById.get(record.appointment);
              const visit = found && isFullVisit(found) ? found : undefined;
              return (
                <Card key={record.id} component="article" aria-label={`Medical record from ${at(record.created_at)}`}>
                  <CardContent>
                    <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}>
                      <Box>
                        <Typography sx={{ fontWeight: 700 }}>{record.diagnosis || 'Visit notes'}</Typography>
                        <Typography variant="body2" color="text.secondary">
                          {visit ? `${visit.doctor_name} · visit on ${at(visit.appointment_time)}` : `Written ${at(record.created_at)}`}
                          {record.updated_at !== record.created_at && ` · updated ${at(record.updated_at)}`}
                        </Typography>
                      </Box>
                      {authorDoctorId !== undefined && record.doctor === authorDoctorId && visit && (
                        <Button size="small" variant="outlined" onClick={() => setEditing({ appointment: visit, record })}>
                          Edit record
                        </Button>
                      )}
                    </Box>
                    <RecordField label="Diagnosis" value={record.diagnosis} />
                    <RecordField label="Notes" value={record.notes} />
                    <RecordField label="Prescription" value={record.prescription} />
                  </CardContent>
                </Card>
              );
            })}
          </Stack>
        )}
      </Box>

      <Box component="section" aria-labelledby="visits-heading">
        <Typography variant="h3" component="h2" id="visits-heading" sx={{ mb: 1.5 }}>
          Appointments
        </Typography>
        {appointments.length === 0 ? (
          <EmptyState title="No past appointments yet" />
        ) : (
          <Card>
            {appointments.map((appointment, index) => (
              <Box key={appointment.id}>
                {index > 0 && <Divider />}
                <Box
                  sx={{
                    p: 2,
                    bgcolor: appointment.id === highlightAppointmentId ? 'rgba(11,110,121,0.07)' : 'transparent',
                  }}
                  aria-current={appointment.id === highlightAppointmentId ? 'true' : undefined}
                >
                  <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                    <Typography sx={{ fontWeight: 600 }}>{at(appointment.appointment_time)}</Typography>
                    {isFullVisit(appointment) && <StatusChip status={appointment.status} />}
                    {appointment.id === highlightAppointmentId && <Chip size="small" label="Selected visit" />}
                  </Box>
                  <Typography variant="body2" color="text.secondary">
                    {appointment.doctor_name}
                    {isFullVisit(appointment)
                      ? appointment.reason && ` · ${appointment.reason}`
                      : ` · ${appointment.specialization} (visit with another doctor)`}
                  </Typography>
                  {canWrite(appointment) && (
                    <Button size="small" sx={{ mt: 1 }} variant="contained" onClick={() => setEditing({ appointment })}>
                      Add record
                    </Button>
                  )}
                </Box>
              </Box>
            ))}
          </Card>
        )}
      </Box>

      {editing && (
        <RecordDialog
          appointment={editing.appointment}
          record={editing.record}
          timeZone={timeZone}
          onClose={(didSave) => {
            setEditing(null);
            if (didSave) setSaved(true);
          }}
        />
      )}
      <Snackbar open={saved} autoHideDuration={5000} onClose={() => setSaved(false)}>
        <Alert severity="success" role="status" variant="filled" onClose={() => setSaved(false)}>
          Medical record saved.
        </Alert>
      </Snackbar>
    </Box>
  );
}

export function PatientSummary({ history }: { history: History }) {
  const { patient } = history;
  const items: [string, string | null][] = [
    ['Date of birth', patient.date_of_birth ? formatDateLabel(patient.date_of_birth, 'd MMMM yyyy') : null],
    ['Phone', patient.phone],
    ['Email', patient.user.email ?? null],
    ['Insurance number', patient.insurance_number],
  ];
  return (
    <Card sx={{ mb: 3 }}>
      <CardContent component="dl" sx={{ display: 'flex', flexWrap: 'wrap', gap: { xs: 2, sm: 4 }, m: 0 }}>
        {items
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Box key={label} sx={{ minWidth: 0 }}>
              <Typography variant="overline" color="text.secondary" component="dt" sx={{ lineHeight: 1.8 }}>
                {label}
              </Typography>
              <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                {value}
              </Typography>
            </Box>
          ))}
      </CardContent>
    </Card>
  );
}
