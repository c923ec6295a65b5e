import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

export interface Notice {
  severity: 'success' | 'error';
  text: string;
}

/** The short "Saved." / "Couldn't save: …" message after an action, closed by itself after a few seconds. */
export function NoticeSnackbar({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  return (
    <Snackbar open={notice !== null} autoHideDuration={notice?.severity === 'error' ? 8000 : 5000} onClose={onClose}>
      <Alert
        severity={notice?.severity ?? 'success'}
        role={notice?.severity === 'error' ? 'alert' : 'status'}
        variant="filled"
        onClose={onClose}
      >
        {notice?.text}
      </Alert>
    </Snackbar>
  );
}
