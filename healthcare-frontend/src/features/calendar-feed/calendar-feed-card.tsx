import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ErrorState, LoadingState } from '../../components/page-states';
import { errorMessage } from '../../lib/errors';
import { useDeleteCalendarFeedMutation, useGetCalendarFeedQuery, useNewCalendarFeedMutation } from './api';

/** A secret calendar subscription URL (doctor: their schedule; patient: their visits), renewable and revocable. */
export function CalendarFeedCard({ role }: { role: 'doctor' | 'patient' }) {
  const { data, error, isLoading, refetch } = useGetCalendarFeedQuery();
  const [create, creating] = useNewCalendarFeedMutation();
  const [remove, removing] = useDeleteCalendarFeedMutation();
  const failure = creating.error ?? removing.error;
  const what = role === 'doctor' ? 'your schedule' : 'your visits';

  return (
    <Card sx={{ maxWidth: 720, mt: 3 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={2}>
          <Typography variant="h3" component="h2">
            Calendar subscription
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Subscribe to {what} in Google Calendar, Apple Calendar or Outlook: changes and cancellations show up by
            themselves. Anyone with the address can read it, so keep it to yourself; a new address turns the old one off.
          </Typography>
          {failure && (
            <Alert severity="error" role="alert">
              {errorMessage(failure)}
            </Alert>
          )}
          {error ? (
            <ErrorState error={error} onRetry={refetch} />
          ) : isLoading || !data ? (
            <LoadingState />
          ) : data.url ? (
            <>
              <TextField
                label="Calendar address"
                value={data.url}
                slotProps={{ htmlInput: { readOnly: true }, inputLabel: { shrink: true } }}
                onFocus={(e) => e.target.select()}
              />
              <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                <Button variant="outlined" onClick={() => void navigator.clipboard?.writeText(data.url ?? '')}>
                  Copy address
                </Button>
                <Button onClick={() => create()} loading={creating.isLoading}>
                  New address
                </Button>
                <Button color="error" onClick={() => remove()} loading={removing.isLoading}>
                  Turn off
                </Button>
              </Box>
            </>
          ) : (
            <Box>
              <Button variant="contained" onClick={() => create()} loading={creating.isLoading}>
                Create calendar address
              </Button>
            </Box>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
