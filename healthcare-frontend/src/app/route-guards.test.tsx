import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../testing/builders';
import { LocationProbe } from '../testing/location-probe';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';
import { RequireRole } from './route-guards';

const routes = [
  {
    element: <RequireRole roles={['patient']} />,
    children: [{ path: 'appointments', element: <h1>Patient area</h1> }],
  },
  { path: 'login', element: <LocationProbe /> },
  { path: 'doctor', element: <LocationProbe /> },
  { path: 'admin-area', element: <LocationProbe /> },
  { path: 'security', element: <LocationProbe /> },
  {
    element: <RequireRole roles={['doctor']} />,
    children: [{ path: 'doctor/availability', element: <h1>Doctor area</h1> }],
  },
];

function meAs(role: 'patient' | 'doctor' | 'admin') {
  server.use(http.get('/api/me/', () => HttpResponse.json(buildMe(role))));
}

describe('RequireRole', () => {
  it('sends anonymous users to the login page and remembers where they were going', async () => {
    renderWithProviders(null, { routes, route: '/appointments?tab=past' });
    expect(await screen.findByRole('status', { name: 'location' })).toHaveTextContent(
      '/login?next=%2Fappointments%3Ftab%3Dpast',
    );
  });

  it('lets a user with the right role through', async () => {
    meAs('patient');
    renderWithProviders(null, { routes, route: '/appointments', auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByRole('heading', { name: 'Patient area' })).toBeInTheDocument();
  });

  it.each([
    ['doctor', '/doctor'],
    ['admin', '/admin-area'],
  ] as const)('sends a %s to their own home', async (role, home) => {
    meAs(role);
    renderWithProviders(null, { routes, route: '/appointments', auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByRole('status', { name: 'location' })).toHaveTextContent(home);
    expect(screen.queryByRole('heading', { name: 'Patient area' })).not.toBeInTheDocument();
  });

  it('sends the user to log in when the session cannot be refreshed', async () => {
    server.use(
      http.get('/api/me/', () => HttpResponse.json({ detail: 'expired' }, { status: 401 })),
      http.post('/api/token/refresh/', () => HttpResponse.json({ detail: 'blacklisted' }, { status: 401 })),
    );
    const { store } = renderWithProviders(null, { routes, route: '/appointments', auth: { access: 'old', refresh: 'bad' } });
    expect(await screen.findByRole('status', { name: 'location' })).toHaveTextContent('/login?next=%2Fappointments');
    expect(store.getState().auth.refresh).toBeNull();
  });

  it('sends staff who must set up two-factor authentication to the setup page first', async () => {
    meAs('doctor');
    server.use(http.get('/api/me/mfa/', () => HttpResponse.json({ enabled: false, required: true, recovery_codes_left: 0 })));
    renderWithProviders(null, { routes, route: '/doctor/availability', auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByRole('status', { name: 'location' })).toHaveTextContent('/security');
  });

  it('lets staff with two-factor authentication on through', async () => {
    meAs('doctor');
    server.use(http.get('/api/me/mfa/', () => HttpResponse.json({ enabled: true, required: true, recovery_codes_left: 10 })));
    renderWithProviders(null, { routes, route: '/doctor/availability', auth: { access: 'a', refresh: 'r' } });
    expect(await screen.findByRole('heading', { name: 'Doctor area' })).toBeInTheDocument();
  });
});
