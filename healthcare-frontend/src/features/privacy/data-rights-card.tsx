import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { errorMessage } from '../../lib/errors';
import { formatInZone, userTimeZone } from '../../lib/time';
import {
  useDownloadMyDataMutation,
  useGetMyErasureRequestQuery,
  useRequestErasureMutation,
  type ExportFormat,
} from './api';

function saveAs(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** The patient's data rights: download everything held about them, ask for erasure. */
export function DataRightsCard() {
  const [download, downloading] = useDownloadMyDataMutation();
  const { data: erasure } = useGetMyErasureRequestQuery();
  const [requestErasure, requesting] = useRequestErasureMutation();
  const [confirming, setConfirming] = useState(false);

  async function handleDownload(format: ExportFormat) {
    const blob = await download(format).unwrap().catch(() => null);
    if (blob) saveAs(blob, `my-data.${format}`);
  }

  async function handleErasure() {
    await requestErasure().unwrap().catch(() => undefined);
    setConfirming(false);
  }

  return (
    <Card sx={{ maxWidth: 720, mt: 3 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={2}>
          <Typography variant="h3" component="h2">
            Your data
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Download everything the clinic holds about you: your account, appointments, medical records,
            the messages we sent you and who accessed your data.
          </Typography>
          {downloading.error && (
            <Alert severity="error" role="alert">
              {errorMessage(downloading.error)}
            </Alert>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <Button variant="outlined" onClick={() => handleDownload('html')} loading={downloading.isLoading}>
              Download (readable page)
            </Button>
            <Button variant="outlined" onClick={() => handleDownload('json')} loading={downloading.isLoading}>
              Download (JSON)
            </Button>
          </Stack>
          <Typography variant="body2" color="text.secondary">
            You can ask us to erase your data. Medical records and the access log must be kept by law: they
            stay, with your name and contact details removed. Everything else is deleted and your account
            closed.
          </Typography>
          {erasure?.status === 'requested' && (
            <Alert severity="info" role="status">
              You asked for erasure on {formatInZone(erasure.requested_at, userTimeZone(), 'd MMM yyyy')}. The clinic will
              carry it out.
            </Alert>
          )}
          {requesting.error && (
            <Alert severity="error" role="alert">
              {errorMessage(requesting.error)}
            </Alert>
          )}
          {erasure?.status !== 'requested' && (
            <div>
              <Button color="error" variant="outlined" onClick={() => setConfirming(true)}>
                Request erasure
              </Button>
            </div>
          )}
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="erasure-title">
        <DialogTitle id="erasure-title">Erase your data?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Once the clinic carries it out you can no longer sign in, and upcoming appointments are cancelled.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Keep my account</Button>
          <Button color="error" variant="contained" onClick={handleErasure} loading={requesting.isLoading}>
            Request erasure
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
