import { combineReducers, configureStore, createListenerMiddleware, isAnyOf } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';
import { api } from '../lib/api';
import {
  authSlice,
  loggedOut,
  readStoredRefresh,
  tokensReceived,
  writeStoredRefresh,
  type AuthState,
} from '../lib/auth-slice';

const rootReducer = combineReducers({
  [authSlice.reducerPath]: authSlice.reducer,
  [api.reducerPath]: api.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

function createSessionListener() {
  const listener = createListenerMiddleware();
  // Mirror the refresh token to sessionStorage (rotated on every refresh).
  listener.startListening({
    matcher: isAnyOf(tokensReceived, loggedOut),
    effect: (_action, listenerApi) => {
      writeStoredRefresh((listenerApi.getState() as RootState).auth.refresh);
    },
  });
  // Logging out (by hand or because the refresh failed) drops every cached API response, so no
  // patient data stays in memory for the next person at this browser.
  listener.startListening({
    actionCreator: loggedOut,
    effect: (_action, listenerApi) => {
      listenerApi.dispatch(api.util.resetApiState());
    },
  });
  return listener;
}

export function createAppStore(preloadedAuth?: Partial<AuthState>) {
  const auth: AuthState = {
    access: preloadedAuth?.access ?? null,
    refresh: preloadedAuth && 'refresh' in preloadedAuth ? (preloadedAuth.refresh ?? null) : readStoredRefresh(),
  };
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: { auth },
    middleware: (getDefault) =>
      getDefault().prepend(createSessionListener().middleware).concat(api.middleware),
  });
  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
