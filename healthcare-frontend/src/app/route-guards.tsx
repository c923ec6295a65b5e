import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../components/page-states';
import { useGetMfaStatusQuery } from '../features/auth/mfa-api';
import { errorStatus } from '../lib/errors';
import { ROLE_HOME, safeNextPath, useCurrentUser } from '../lib/session';
import type { Role } from '../lib/types';

function loginPath(location: { pathname: string; search: string }) {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/**
 * Lets through only signed-in users with one of `roles`: anonymous users go to the login page
 * (and come back afterwards), users of another role go to their own home.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const { authenticated, me, error, refetch } = useCurrentUser();
  const location = useLocation();
  // Staff the clinic requires to use two-factor codes reach nothing else until they set it up.
  const { data: mfa } = useGetMfaStatusQuery(undefined, { skip: !me || me.role === 'patient' });
  if (!authenticated) return <Navigate to={loginPath(location)} replace />;
  if (error) {
    if (errorStatus(error) === 401) return <Navigate to={loginPath(location)} replace />;
    return <ErrorState error={error} title="We couldn't load your account" onRetry={refetch} />;
  }
  if (!me) return <LoadingState label="Loading your account…" />;
  if (!roles.includes(me.role)) return <Navigate to={ROLE_HOME[me.role]} replace />;
  if (mfa?.required && !mfa.enabled && location.pathname !== '/security') return <Navigate to="/security" replace />;
  return children ? <>{children}</> : <Outlet />;
}

/** Login and registration: once signed in, continue to `?next=` or the role's home. */
export function GuestOnly({ children, fallback }: { children: ReactNode; fallback?: string }) {
  const { authenticated, me, error, refetch } = useCurrentUser();
  const [params] = useSearchParams();
  if (!authenticated) return <>{children}</>;
  if (error) return <ErrorState error={error} title="We couldn't load your account" onRetry={refetch} />;
  if (!me) return <LoadingState label="Signing you in…" />;
  const next = safeNextPath(params.get('next'));
  return <Navigate to={next ?? (me.role === 'patient' && fallback ? fallback : ROLE_HOME[me.role])} replace />;
}

/** `/`: the doctor search landing for visitors and patients; staff go to their own home. */
export function HomeRoute({ children }: { children: ReactNode }) {
  const { me } = useCurrentUser();
  if (me && me.role !== 'patient') return <Navigate to={ROLE_HOME[me.role]} replace />;
  return <>{children}</>;
}
