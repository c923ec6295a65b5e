import { useState, type ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';

/**
 * Asks before an action that cannot be taken back (complete, no-show, delete, role change…).
 * `onConfirm` runs the action; the dialog shows it as busy and closes when it settles.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  color = 'primary',
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => unknown;
  onClose: () => void;
  color?: 'primary' | 'error' | 'warning' | 'success';
}) {
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      onClose();
    }
  }
  return (
    <Dialog open onClose={onClose} aria-labelledby="confirm-dialog-title" aria-describedby="confirm-dialog-text" maxWidth="xs" fullWidth>
      <DialogTitle id="confirm-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="confirm-dialog-text" component="div">
          {children}
        </DialogContentText>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} autoFocus>
          Go back
        </Button>
        <Button variant="contained" color={color} onClick={() => void confirm()} loading={busy}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
