import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildAppointment, buildMe, buildWaitlistEntry } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import type { WaitlistEntry } from '../../lib/types';
import { formatCountdown } from './countdown';
import { WaitlistOfferPage } from './waitlist-offer-page';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

function entry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return buildWaitlistEntry({
    id: 7,
    status: 'offered',
    offer: { appointment_time: '2027-03-02T10:00:00+01:00', end_time: '2027-03-02T10:30:00+01:00', expires_at: inMinutes(29.5) },
    ...overrides,
  });
}

function renderPage(current: WaitlistEntry) {
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('patient'))),
    http.get('/api/waitlist/7/', () => HttpResponse.json(current)),
  );
  return renderWithProviders(<WaitlistOfferPage />, {
    auth: { access: 'a', refresh: 'r' },
    path: '/waitlist/:entryId',
    route: '/waitlist/7?accept=1',
  });
}

describe('WaitlistOfferPage', () => {
  it('shows the held time with a countdown and books it in one click', async () => {
    let accepted = false;
    server.use(
      http.post('/api/waitlist/7/accept/', () => {
        accepted = true;
        return HttpResponse.json(buildAppointment({ id: 55 }), { status: 201 });
      }),
    );
    const { user } = renderPage(entry());
    expect(await screen.findByText('A time freed up:')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/Held for you for 29:\d\d/);
    await user.click(screen.getByRole('button', { name: 'Accept this time' }));
    expect(await screen.findByText(/Booked!/)).toBeInTheDocument();
    expect(accepted).toBe(true);
  });

  it('says so when the offer has expired, with nothing to accept', async () => {
    renderPage(entry({ status: 'expired', offer: null }));
    expect(await screen.findByText(/This offer ran out/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept this time' })).not.toBeInTheDocument();
  });

  it("shows the server's refusal when the hold ran out meanwhile", async () => {
    server.use(
      http.post('/api/waitlist/7/accept/', () =>
        HttpResponse.json({ detail: 'There is no offer to accept: it expired or was never made.' }, { status: 400 }),
      ),
    );
    const { user } = renderPage(entry());
    await user.click(await screen.findByRole('button', { name: 'Accept this time' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no offer to accept');
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, and hours past an hour', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(29 * 60 + 5)).toBe('29:05');
    expect(formatCountdown(3723)).toBe('1:02:03');
  });
});
