import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { CalendarFeedCard } from './calendar-feed-card';

const AUTH = { auth: { access: 'a', refresh: 'r' } };

describe('CalendarFeedCard', () => {
  it('creates, renews and turns off the subscription address', async () => {
    let feed: { url: string | null; created_at: string | null } = { url: null, created_at: null };
    let made = 0;
    server.use(
      http.get('/api/calendar-feed/', () => HttpResponse.json(feed)),
      http.post('/api/calendar-feed/', () => {
        made += 1;
        feed = { url: `http://localhost/api/calendar-feeds/token-${made}.ics`, created_at: '2030-01-01T00:00:00Z' };
        return HttpResponse.json(feed, { status: 201 });
      }),
      http.delete('/api/calendar-feed/', () => {
        feed = { url: null, created_at: null };
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderWithProviders(<CalendarFeedCard role="doctor" />, AUTH);

    expect(await screen.findByText(/subscribe to your schedule/i)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Create calendar address' }));
    expect(await screen.findByDisplayValue('http://localhost/api/calendar-feeds/token-1.ics')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New address' }));
    expect(await screen.findByDisplayValue('http://localhost/api/calendar-feeds/token-2.ics')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByRole('button', { name: 'Create calendar address' })).toBeInTheDocument();
  });
});
