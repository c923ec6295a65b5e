import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../app/routes';
import { buildMe, buildSettings, paginated } from '../testing/builders';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';

describe('page titles', () => {
  it('names the tab after the page and the clinic, and follows navigation', async () => {
    server.use(
      http.get('/api/settings/', () => HttpResponse.json(buildSettings({ clinic_name: 'Riverside Clinic' }))),
      http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
      http.get('/api/appointments/', () => HttpResponse.json(paginated([]))),
    );
    const { router } = renderWithProviders(null, { routes, route: '/appointments', auth: { access: 'a', refresh: 'r' } });

    await screen.findByRole('heading', { name: 'My appointments', level: 1 });
    await expect.poll(() => document.title).toBe('My appointments · Riverside Clinic');

    await router.navigate('/doctors');
    await screen.findByRole('heading', { name: 'Find a doctor', level: 1 });
    await expect.poll(() => document.title).toBe('Find a doctor · Riverside Clinic');

    await router.navigate('/no-such-page');
    await screen.findByRole('heading', { name: 'Page not found' });
    await expect.poll(() => document.title).toBe('Page not found · Riverside Clinic');
  });
});
