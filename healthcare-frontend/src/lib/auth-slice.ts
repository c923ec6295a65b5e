import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { TokenPair } from './types';

// Tokens are client state, not server state, so they live in a plain slice. The access token is
// kept in memory only; the refresh token is mirrored to sessionStorage (see app/store.ts) so a
// reload in the same tab keeps the session. Nothing else, and never PHI, goes to storage.
export const REFRESH_STORAGE_KEY = 'hc.refresh';

export interface AuthState {
  access: string | null;
  refresh: string | null;
}

export function readStoredRefresh(): string | null {
  try {
    return window.sessionStorage.getItem(REFRESH_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function writeStoredRefresh(refresh: string | null): void {
  try {
    if (refresh) window.sessionStorage.setItem(REFRESH_STORAGE_KEY, refresh);
    else window.sessionStorage.removeItem(REFRESH_STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode, quotas): the session then lasts until reload.
  }
}

const initialState: AuthState = { access: null, refresh: null };

export const authSlice = createSlice({
  name: 'auth',
  initialState,
  reducers: {
    tokensReceived(state, action: PayloadAction<TokenPair>) {
      state.access = action.payload.access;
      state.refresh = action.payload.refresh;
    },
    loggedOut(state) {
      state.access = null;
      state.refresh = null;
    },
  },
  selectors: {
    selectAccessToken: (state) => state.access,
    selectRefreshToken: (state) => state.refresh,
    selectIsAuthenticated: (state) => state.refresh !== null || state.access !== null,
  },
});

export const { tokensReceived, loggedOut } = authSlice.actions;
export const { selectAccessToken, selectRefreshToken, selectIsAuthenticated } = authSlice.selectors;
