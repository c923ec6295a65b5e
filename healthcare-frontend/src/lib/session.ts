import { useCallback } from 'react';
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { useDispatch, useSelector, useStore } from 'react-redux';
import { api, useGetMeQuery } from './api';
import { loggedOut, selectIsAuthenticated, selectRefreshToken, type AuthState } from './auth-slice';
import type { Role } from './types';

export function useIsAuthenticated(): boolean {
  return useSelector(selectIsAuthenticated);
}

/** The signed-in user from /api/me/ (skipped, and so `undefined`, when anonymous). */
export function useCurrentUser() {
  const authenticated = useIsAuthenticated();
  const query = useGetMeQuery(undefined, { skip: !authenticated });
  return { ...query, authenticated, me: authenticated ? query.data : undefined };
}

export const ROLE_HOME: Record<Role, string> = {
  patient: '/appointments',
  doctor: '/doctor',
  admin: '/admin-area',
  front_desk: '/front-desk',
};

/**
 * Logs out: blacklists the refresh token (best effort: the session ends locally even when the
 * server can't be reached), then clears the tokens and every cached response.
 */
export function useLogout() {
  const dispatch = useDispatch<ThunkDispatch<unknown, unknown, UnknownAction>>();
  const store = useStore<{ auth: AuthState }>();
  return useCallback(async () => {
    const refresh = selectRefreshToken(store.getState());
    if (refresh) {
      // A failed blacklist must not keep the user logged in: the result is not checked.
      await dispatch(api.endpoints.logout.initiate({ refresh }));
    }
    dispatch(loggedOut());
  }, [dispatch, store]);
}

/** A safe in-app path to return to after login (`?next=`), never another origin. */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}
