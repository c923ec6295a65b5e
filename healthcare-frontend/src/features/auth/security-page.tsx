import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { OtpField } from '../../components/otp-field';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/page-states';
import { errorMessage, fieldErrors } from '../../lib/errors';
import type { MfaSetup, MfaStatus } from '../../lib/types';
import { usePageTitle } from '../../lib/page-title';
import {
  useConfirmMfaMutation,
  useDisableMfaMutation,
  useGetMfaStatusQuery,
  useRenewRecoveryCodesMutation,
  useStartMfaSetupMutation,
} from './mfa-api';

/** Two-factor authentication: set up an authenticator app, recovery codes, turn it off. */
export function SecurityPage() {
  usePageTitle('Two-factor authentication');
  const { data, error, refetch } = useGetMfaStatusQuery();
  // Recovery codes are shown once, right after they are made.
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <>
      <PageHeader title="Two-factor authentication" subtitle="A code from your phone on top of your password." />
      <Card sx={{ maxWidth: 760 }}>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          {error ? (
            <ErrorState error={error} onRetry={refetch} />
          ) : !data ? (
            <LoadingState />
          ) : codes ? (
            <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
          ) : data.enabled ? (
            <MfaOn status={data} onNewCodes={setCodes} />
          ) : (
            <MfaSetupFlow status={data} onConfirmed={setCodes} />
          )}
        </CardContent>
      </Card>
    </>
  );
}

function CodeField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string[] }) {
  return <OtpField value={value} onChange={onChange} error={error} helperText="The 6-digit code your app shows now." />;
}

function MfaSetupFlow({ status, onConfirmed }: { status: MfaStatus; onConfirmed: (codes: string[]) => void }) {
  const [start, started] = useStartMfaSetupMutation();
  const [confirm, confirmed] = useConfirmMfaMutation();
  const [otp, setOtp] = useState('');
  const setup: MfaSetup | undefined = started.data;

  async function handleConfirm(event: FormEvent) {
    event.preventDefault();
    const result = await confirm({ otp: otp.trim() }).unwrap().catch(() => null);
    if (result) onConfirmed(result.recovery_codes);
  }

  if (!setup) {
    return (
      <Stack spacing={2} alignItems="flex-start">
        {status.required && (
          <Alert severity="warning" role="alert">
            The clinic requires two-factor authentication for staff. Set it up to continue using the app.
          </Alert>
        )}
        <Typography>
          Two-factor authentication is <strong>off</strong>. With it on, logging in also asks for a code from an
          authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator or FreeOTP).
        </Typography>
        {started.error && <Alert severity="error">{errorMessage(started.error)}</Alert>}
        <Button variant="contained" onClick={() => start()} loading={started.isLoading}>
          Set up an authenticator app
        </Button>
      </Stack>
    );
  }
  return (
    <Stack component="form" noValidate spacing={2} onSubmit={handleConfirm}>
      <Typography>1. Scan this QR code with your authenticator app, or type the key by hand.</Typography>
      <Box
        component="img"
        alt="QR code for your authenticator app"
        src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qr_svg)}`}
        sx={{ width: 200, height: 200, bgcolor: 'common.white', p: 1, borderRadius: 1 }}
      />
      <Typography variant="body2">
        Key: <Box component="code" sx={{ wordBreak: 'break-all' }}>{setup.secret}</Box>
      </Typography>
      <Typography>2. Enter the code the app shows to turn two-factor authentication on.</Typography>
      {confirmed.error && !fieldErrors(confirmed.error).otp && (
        <Alert severity="error">{errorMessage(confirmed.error)}</Alert>
      )}
      <CodeField value={otp} onChange={setOtp} error={fieldErrors(confirmed.error).otp} />
      <Box>
        <Button type="submit" variant="contained" loading={confirmed.isLoading}>
          Turn on
        </Button>
      </Box>
    </Stack>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Stack spacing={2} alignItems="flex-start">
      <Alert severity="success" role="status">
        Two-factor authentication is on. Save these recovery codes somewhere safe: each one logs you in once if you
        lose your phone. They are shown only now.
      </Alert>
      <Box
        component="ul"
        aria-label="Recovery codes"
        sx={{ fontFamily: 'monospace', columns: 2, m: 0, pl: 3, fontSize: '1.05rem' }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <Button variant="contained" onClick={onDone}>
        I have saved my recovery codes
      </Button>
    </Stack>
  );
}

function MfaOn({ status, onNewCodes }: { status: MfaStatus; onNewCodes: (codes: string[]) => void }) {
  const [otp, setOtp] = useState('');
  const [renew, renewed] = useRenewRecoveryCodesMutation();
  const [disable, disabled] = useDisableMfaMutation();
  const error = renewed.error ?? disabled.error;
  const clinicRequires = status.required;

  async function handleRenew() {
    const result = await renew({ otp: otp.trim() }).unwrap().catch(() => null);
    if (result) onNewCodes(result.recovery_codes);
  }

  return (
    <Stack spacing={2} alignItems="flex-start">
      <Typography>
        Two-factor authentication is <strong>on</strong>. Recovery codes left: {status.recovery_codes_left}.
      </Typography>
      {error && !fieldErrors(error).otp && <Alert severity="error">{errorMessage(error)}</Alert>}
      <Typography variant="body2" color="text.secondary">
        Enter a current code to make new recovery codes (the old ones stop working) or to turn it off.
      </Typography>
      <CodeField value={otp} onChange={setOtp} error={fieldErrors(error).otp} />
      <Stack direction="row" spacing={1.5}>
        <Button variant="outlined" onClick={handleRenew} loading={renewed.isLoading} disabled={!otp.trim()}>
          New recovery codes
        </Button>
        <Button
          color="error"
          variant="outlined"
          onClick={() => disable({ otp: otp.trim() })}
          loading={disabled.isLoading}
          disabled={!otp.trim()}
        >
          Turn off
        </Button>
      </Stack>
      {clinicRequires && (
        <Typography variant="body2" color="text.secondary">
          If your clinic requires two-factor authentication for staff, it cannot be turned off.
        </Typography>
      )}
    </Stack>
  );
}
