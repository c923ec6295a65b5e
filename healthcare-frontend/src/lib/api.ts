import {
  createApi,
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react';
import { Mutex } from 'async-mutex';
import {
  loggedOut,
  selectAccessToken,
  selectRefreshToken,
  tokensReceived,
  type AuthState,
} from './auth-slice';
import type { ClinicSettings, Me, MeUpdate, TokenPair } from './types';

type StateWithAuth = { auth: AuthState };

/** Same origin as the page: Django serves both the SPA and /api/. */
export const API_BASE_URL = new URL('/api/', window.location.origin).toString();

// Endpoints that take credentials in the body: they get no bearer token (a stale one would only
// make them fail), and a 401 there is the answer, not an expired token.
const CREDENTIAL_ENDPOINTS = /^\/?(token\/|registrations\/|password-reset\/|email-verification\/confirm\/)/;

function urlOf(args: unknown): string {
  if (typeof args === 'string') return args;
  if (args && typeof args === 'object' && 'url' in args) return String(args.url);
  return '';
}

const rawBaseQuery = fetchBaseQuery({
  baseUrl: API_BASE_URL,
  prepareHeaders(headers, { getState, arg }) {
    const token = selectAccessToken(getState() as StateWithAuth);
    if (token && !headers.has('Authorization') && !CREDENTIAL_ENDPOINTS.test(urlOf(arg))) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    return headers;
  },
});

// One refresh at a time. Concurrent requests that fail with 401 queue on this mutex; the first
// one refreshes, the others see that the access token changed while they waited and just retry.
const refreshMutex = new Mutex();

type BaseQueryApi = Parameters<typeof rawBaseQuery>[1];
type ExtraOptions = Parameters<typeof rawBaseQuery>[2];

/**
 * Whether an access token cannot be used any more: missing, or a JWT whose `exp` is past (with a
 * few seconds for the request's trip). A token we cannot read is tried as it is; the server decides.
 */
export function accessTokenStale(token: string | null, now = Date.now()): boolean {
  if (!token) return true;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const exp = (JSON.parse(atob(payload)) as { exp?: unknown }).exp;
    return typeof exp === 'number' && exp * 1000 <= now + 5_000;
  } catch {
    return false;
  }
}

/** Swaps the refresh token for a new pair, unless another request did while this one waited. */
function refreshAccess(api: BaseQueryApi, extraOptions: ExtraOptions, tokenUsed: string | null): Promise<boolean> {
  return refreshMutex.runExclusive(async () => {
    const state = api.getState() as StateWithAuth;
    const current = selectAccessToken(state);
    if (current !== null && current !== tokenUsed) return true; // someone else refreshed
    const refresh = selectRefreshToken(state);
    if (!refresh) return false;
    const response = await rawBaseQuery({ url: 'token/refresh/', method: 'POST', body: { refresh } }, api, extraOptions);
    if (response.data) {
      api.dispatch(tokensReceived(response.data as TokenPair));
      return true;
    }
    api.dispatch(loggedOut());
    return false;
  });
}

export const baseQueryWithReauth: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> =
  async (args, api, extraOptions) => {
    // Don't start a request with a token that is being replaced right now.
    await refreshMutex.waitForUnlock();
    const credentials = CREDENTIAL_ENDPOINTS.test(urlOf(args));
    const state = api.getState() as StateWithAuth;
    // The access token lives in memory only, so a hard load starts with the refresh token alone:
    // refresh first instead of sending /api/me/ without a token and collecting a 401 for it.
    if (!credentials && selectRefreshToken(state) && accessTokenStale(selectAccessToken(state))) {
      await refreshAccess(api, extraOptions, selectAccessToken(state));
    }
    const tokenUsed = selectAccessToken(api.getState() as StateWithAuth);
    let result = await rawBaseQuery(args, api, extraOptions);
    if (result.error?.status !== 401 || credentials) return result;
    if (await refreshAccess(api, extraOptions, tokenUsed)) result = await rawBaseQuery(args, api, extraOptions);
    return result;
  };

export const TAG_TYPES = [
  'Me',
  'Mfa',
  'Settings',
  'Doctor',
  'Specialty',
  'Slots',
  'Appointment',
  'History',
  'MedicalRecord',
  'WorkingHours',
  'LeaveDay',
  'VisitType',
  'Patient',
  'User',
  'Report',
  'Waitlist',
  'Series',
] as const;

// The one API slice. Features add their endpoints with `api.injectEndpoints`. The endpoints here
// are the few that every part of the app reads: who the user is, and the clinic's settings.
export const api = createApi({
  reducerPath: 'api',
  baseQuery: baseQueryWithReauth,
  tagTypes: TAG_TYPES,
  endpoints: (build) => ({
    getMe: build.query<Me, void>({
      query: () => 'me/',
      providesTags: ['Me'],
    }),
    updateMe: build.mutation<Me, MeUpdate>({
      query: (body) => ({ url: 'me/', method: 'PATCH', body }),
      invalidatesTags: ['Me'],
    }),
    logout: build.mutation<void, { refresh: string }>({
      query: (body) => ({ url: 'token/blacklist/', method: 'POST', body }),
    }),
    getSettings: build.query<ClinicSettings, void>({
      query: () => 'settings/',
      providesTags: ['Settings'],
    }),
  }),
});

export const { useGetMeQuery, useUpdateMeMutation, useGetSettingsQuery } = api;

/** The clinic's currency code for formatMoney (undefined until the settings have loaded). */
export function useCurrency(): string | undefined {
  return useGetSettingsQuery().data?.currency;
}
