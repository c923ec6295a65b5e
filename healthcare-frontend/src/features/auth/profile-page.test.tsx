import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildMe } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { ProfilePage } from './profile-page';

describe('ProfilePage', () => {
  it('lets a patient choose the language of their messages and shows their calendar subscription', async () => {
    let body: Record<string, unknown> | undefined;
    const me = buildMe('patient');
    server.use(
      http.get('/api/me/', () => HttpResponse.json(me)),
      http.patch('/api/me/', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(me);
      }),
      http.get('/api/calendar-feed/', () => HttpResponse.json({ url: null, created_at: null })),
    );
    const { user } = renderWithProviders(<ProfilePage />, { auth: { access: 'a', refresh: 'r' } });

    await user.click(await screen.findByLabelText('Language of messages'));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'Deutsch' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Your profile was saved.')).toBeInTheDocument();
    expect(body?.language).toBe('de');
    expect(await screen.findByRole('button', { name: 'Create calendar address' })).toBeInTheDocument();
  });
});
