import Alert from '@mui/material/Alert';
import Button, { type ButtonProps } from '@mui/material/Button';
import EventIcon from '@mui/icons-material/Event';
import { useAuthorizedDownload } from '../lib/download';

/** "Add to calendar": the .ics needs the bearer token, so it is fetched and saved as a blob. */
export function CalendarButton({ appointmentId, ...props }: { appointmentId: number } & ButtonProps) {
  const { download, pending, error } = useAuthorizedDownload();
  return (
    <>
      <Button
        startIcon={<EventIcon />}
        loading={pending}
        onClick={() => void download(`appointments/${appointmentId}/ics/`, `appointment-${appointmentId}.ics`)}
        {...props}
      >
        Add to calendar
      </Button>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </>
  );
}
