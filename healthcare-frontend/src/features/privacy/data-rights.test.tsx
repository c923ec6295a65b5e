import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import type { ErasureRequest } from '../../lib/types';
import { DataRightsCard } from './data-rights-card';
import { ErasureRequestsPage } from './erasure-requests-page';

const SIGNED_IN = { auth: { access: 'a', refresh: 'r' } };

function buildRequest(overrides: Partial<ErasureRequest> = {}): ErasureRequest {
  return {
    id: 7,
    patient: 3,
    patient_name: 'Alice Meyer',
    status: 'requested',
    requested_at: '2027-03-01T09:00:00Z',
    executed_at: null,
    summary: {},
    ...overrides,
  };
}

describe('DataRightsCard', () => {
  it('asks for erasure after a confirmation and then says it is pending', async () => {
    let asked = false;
    server.use(
      http.get('/api/me/erasure-request/', () =>
        asked ? HttpResponse.json(buildRequest()) : HttpResponse.json({ detail: 'Not found.' }, { status: 404 }),
      ),
      http.post('/api/me/erasure-request/', () => {
        asked = true;
        return HttpResponse.json(buildRequest(), { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<DataRightsCard />, SIGNED_IN);

    await user.click(await screen.findByRole('button', { name: 'Request erasure' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Request erasure' }));

    expect(await screen.findByText(/you asked for erasure on/i)).toBeInTheDocument();
    expect(asked).toBe(true);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Request erasure' })).not.toBeInTheDocument());
  });

  it('offers the download as a readable page and as JSON', async () => {
    server.use(http.get('/api/me/erasure-request/', () => HttpResponse.json({ detail: 'x' }, { status: 404 })));
    renderWithProviders(<DataRightsCard />, SIGNED_IN);
    expect(await screen.findByRole('button', { name: 'Download (readable page)' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Download (JSON)' })).toBeEnabled();
  });
});

describe('ErasureRequestsPage', () => {
  it('executes a waiting request and shows the outcome', async () => {
    let executed = false;
    server.use(
      http.get('/api/erasure-requests/', () =>
        HttpResponse.json(
          paginated([
            executed
              ? buildRequest({
                  status: 'executed',
                  executed_at: '2027-03-02T10:00:00Z',
                  summary: { deleted: { messages: 3, refresh_tokens: 1 } },
                })
              : buildRequest(),
          ]),
        ),
      ),
      http.post('/api/erasure-requests/7/execute/', () => {
        executed = true;
        return HttpResponse.json(buildRequest({ status: 'executed' }));
      }),
    );
    const { user } = renderWithProviders(<ErasureRequestsPage />, SIGNED_IN);

    expect(await screen.findByText('Alice Meyer')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Execute erasure' }));

    expect(await screen.findByText(/account anonymised, 4 item\(s\) deleted/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Execute erasure' })).not.toBeInTheDocument();
  });
});
