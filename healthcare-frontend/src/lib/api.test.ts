import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../app/store';
import { server } from '../testing/server';
import { accessTokenStale, baseQueryWithReauth } from './api';
import { REFRESH_STORAGE_KEY } from './auth-slice';

type Store = ReturnType<typeof createAppStore>;

function call(store: Store, url: string) {
  const controller = new AbortController();
  return baseQueryWithReauth(
    url,
    {
      signal: controller.signal,
      abort: () => controller.abort(),
      dispatch: store.dispatch,
      getState: store.getState,
      extra: undefined,
      endpoint: 'test',
      type: 'query',
    },
    {},
  );
}

/** A protected endpoint that accepts only the given access token. */
function protectedEndpoint(path: string, validToken: string) {
  return http.get(path, ({ request }) =>
    request.headers.get('Authorization') === `Bearer ${validToken}`
      ? HttpResponse.json({ ok: path })
      : HttpResponse.json({ detail: 'Token is invalid or expired' }, { status: 401 }),
  );
}

describe('baseQueryWithReauth', () => {
  it('refreshes once for concurrent 401s, stores the rotated refresh token and retries each request', async () => {
    const refreshBodies: unknown[] = [];
    server.use(
      protectedEndpoint('/api/me/', 'new-access'),
      protectedEndpoint('/api/appointments/', 'new-access'),
      protectedEndpoint('/api/settings/', 'new-access'),
      http.post('/api/token/refresh/', async ({ request }) => {
        refreshBodies.push(await request.json());
        await delay(30);
        return HttpResponse.json({ access: 'new-access', refresh: 'rotated-refresh' });
      }),
    );
    const store = createAppStore({ access: 'expired-access', refresh: 'old-refresh' });

    const results = await Promise.all([
      call(store, 'me/'),
      call(store, 'appointments/'),
      call(store, 'settings/'),
    ]);

    expect(refreshBodies).toEqual([{ refresh: 'old-refresh' }]);
    expect(results.map((r) => r.data)).toEqual([{ ok: '/api/me/' }, { ok: '/api/appointments/' }, { ok: '/api/settings/' }]);
    expect(store.getState().auth).toEqual({ access: 'new-access', refresh: 'rotated-refresh' });
    expect(window.sessionStorage.getItem(REFRESH_STORAGE_KEY)).toBe('rotated-refresh');
  });

  it('does not refresh again for a 401 that arrives after another request already refreshed', async () => {
    let refreshes = 0;
    server.use(
      protectedEndpoint('/api/me/', 'new-access'),
      http.post('/api/token/refresh/', () => {
        refreshes += 1;
        return HttpResponse.json({ access: 'new-access', refresh: 'rotated' });
      }),
      // This one answers 401 slowly, after the first request has refreshed the token.
      http.get('/api/appointments/', async ({ request }) => {
        if (request.headers.get('Authorization') === 'Bearer new-access') return HttpResponse.json({ ok: true });
        await delay(80);
        return HttpResponse.json({ detail: 'expired' }, { status: 401 });
      }),
    );
    const store = createAppStore({ access: 'expired', refresh: 'r1' });

    const [me, appointments] = await Promise.all([call(store, 'me/'), call(store, 'appointments/')]);

    expect(refreshes).toBe(1);
    expect(me.data).toEqual({ ok: '/api/me/' });
    expect(appointments.data).toEqual({ ok: true });
  });

  it('logs out when the refresh fails', async () => {
    let refreshes = 0;
    server.use(
      protectedEndpoint('/api/me/', 'never'),
      protectedEndpoint('/api/appointments/', 'never'),
      http.post('/api/token/refresh/', () => {
        refreshes += 1;
        return HttpResponse.json({ detail: 'Token is blacklisted' }, { status: 401 });
      }),
    );
    window.sessionStorage.setItem(REFRESH_STORAGE_KEY, 'blacklisted');
    const store = createAppStore({ access: 'expired', refresh: 'blacklisted' });

    const results = await Promise.all([call(store, 'me/'), call(store, 'appointments/')]);

    expect(refreshes).toBe(1);
    expect(results.every((r) => r.error?.status === 401)).toBe(true);
    expect(store.getState().auth).toEqual({ access: null, refresh: null });
    expect(window.sessionStorage.getItem(REFRESH_STORAGE_KEY)).toBeNull();
  });

  it('never refreshes for a 401 from the login endpoint and sends it no bearer token', async () => {
    let refreshes = 0;
    let authorization: string | null = 'unset';
    server.use(
      http.post('/api/token/', ({ request }) => {
        authorization = request.headers.get('Authorization');
        return HttpResponse.json({ detail: 'No active account found' }, { status: 401 });
      }),
      http.post('/api/token/refresh/', () => {
        refreshes += 1;
        return HttpResponse.json({ access: 'a', refresh: 'b' });
      }),
    );
    const store = createAppStore({ access: 'stale', refresh: 'r' });
    const controller = new AbortController();

    const result = await baseQueryWithReauth(
      { url: 'token/', method: 'POST', body: { username: 'x', password: 'y' } },
      { signal: controller.signal, abort: () => undefined, dispatch: store.dispatch, getState: store.getState, extra: undefined, endpoint: 'login', type: 'mutation' },
      {},
    );

    expect(result.error?.status).toBe(401);
    expect(refreshes).toBe(0);
    expect(authorization).toBeNull();
  });

  it('on a hard load (refresh token only) refreshes before the first call, so /api/me/ never answers 401', async () => {
    const seen: string[] = [];
    server.use(
      http.get('/api/me/', ({ request }) => {
        const ok = request.headers.get('Authorization') === 'Bearer new-access';
        seen.push(`me ${ok ? 200 : 401}`);
        return ok ? HttpResponse.json({ id: 1 }) : HttpResponse.json({ detail: 'no' }, { status: 401 });
      }),
      http.get('/api/settings/', () => {
        seen.push('settings');
        return HttpResponse.json({});
      }),
      http.post('/api/token/refresh/', async () => {
        seen.push('refresh');
        await delay(20);
        return HttpResponse.json({ access: 'new-access', refresh: 'rotated' });
      }),
    );
    const store = createAppStore({ access: null, refresh: 'stored-refresh' });

    const [me] = await Promise.all([call(store, 'me/'), call(store, 'settings/')]);

    expect(me.data).toEqual({ id: 1 });
    expect(seen[0]).toBe('refresh');
    expect(seen.filter((s) => s === 'refresh')).toHaveLength(1);
    expect(seen).not.toContain('me 401');
  });

  it('refreshes before a call whose access token has expired', async () => {
    const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.s`;
    const expired = jwt(Math.floor(Date.now() / 1000) - 60);
    expect(accessTokenStale(expired)).toBe(true);
    expect(accessTokenStale(jwt(Math.floor(Date.now() / 1000) + 300))).toBe(false);
    expect(accessTokenStale('not-a-jwt')).toBe(false);
    expect(accessTokenStale(null)).toBe(true);

    const statuses: number[] = [];
    server.use(
      http.get('/api/me/', ({ request }) => {
        const ok = request.headers.get('Authorization') === 'Bearer fresh';
        statuses.push(ok ? 200 : 401);
        return ok ? HttpResponse.json({ id: 1 }) : HttpResponse.json({ detail: 'expired' }, { status: 401 });
      }),
      http.post('/api/token/refresh/', () => HttpResponse.json({ access: 'fresh', refresh: 'r2' })),
    );
    const store = createAppStore({ access: expired, refresh: 'r1' });

    expect((await call(store, 'me/')).data).toEqual({ id: 1 });
    expect(statuses).toEqual([200]);
  });
});
