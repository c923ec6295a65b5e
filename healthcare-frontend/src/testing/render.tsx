import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '../app/providers';
import { createAppStore } from '../app/store';
import type { AuthState } from '../lib/auth-slice';

interface Options {
  /** Tokens to start with; anonymous by default. */
  auth?: Partial<AuthState>;
  /** The URL to start at. */
  route?: string;
  /** Extra routes beside the one rendering `ui` at `path` (where redirects land, say). */
  routes?: RouteObject[];
  /** The route pattern that renders `ui`. */
  path?: string;
}

/** Renders `ui` with a fresh store, the theme and a memory router. */
export function renderWithProviders(ui: ReactElement | null, options: Options = {}) {
  const store = createAppStore({ access: null, refresh: null, ...options.auth });
  const routes: RouteObject[] = [
    ...(ui ? [{ path: options.path ?? '*', element: ui }] : []),
    ...(options.routes ?? []),
  ];
  const router = createMemoryRouter(routes, { initialEntries: [options.route ?? '/'] });
  const user = userEvent.setup();
  const utils = render(
    <AppProviders store={store}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...utils, store, router, user };
}
