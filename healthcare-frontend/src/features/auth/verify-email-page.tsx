import { useEffect } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { AuthCard } from '../../components/auth-card';
import { LoadingState } from '../../components/page-states';
import { errorMessage } from '../../lib/errors';
import { usePageTitle } from '../../lib/page-title';
import { useConfirmEmailMutation } from './api';

/** The page the verification link opens (`/verify-email?uid=…&token=…`): confirms at once. */
export function VerifyEmailPage() {
  usePageTitle('Confirm your email address');
  const [params] = useSearchParams();
  const uid = params.get('uid') ?? '';
  const token = params.get('token') ?? '';
  const [confirm, { isSuccess, error, data, isUninitialized }] = useConfirmEmailMutation();

  useEffect(() => {
    if (uid && token) confirm({ uid, token });
  }, [uid, token, confirm]);

  return (
    <AuthCard title="Confirm your email address">
      {isSuccess ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {data?.detail ?? 'Your email address is confirmed.'}
        </Alert>
      ) : error || !uid || !token ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error ? errorMessage(error) : 'This link is incomplete.'} You can ask for a new link on your profile page.
        </Alert>
      ) : (
        isUninitialized || <LoadingState label="Confirming your email address…" />
      )}
      <Button component={RouterLink} to="/profile" variant="outlined">
        Go to your profile
      </Button>
    </AuthCard>
  );
}
