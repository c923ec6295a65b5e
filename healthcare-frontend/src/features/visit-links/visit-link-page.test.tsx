import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import type { VisitLink } from '../../lib/types';
import { VisitLinkPage } from './visit-link-page';

function buildLink(overrides: Partial<VisitLink> = {}): VisitLink {
  return {
    action: 'confirm',
    state: 'ready',
    detail: '',
    cancellation_cutoff_hours: 24,
    appointment: {
      id: 7,
      status: 'confirmed',
      appointment_time: '2030-03-04T09:00:00+01:00',
      end_time: '2030-03-04T09:30:00+01:00',
      patient_confirmed_at: null,
      doctor: { id: 3, name: 'Dr. Ada Smith', specialty: 'Cardiology' },
      timezone: 'Europe/Berlin',
    },
    ...overrides,
  };
}

function renderPage(link: VisitLink | Response, onPost?: (body: unknown) => Response) {
  server.use(
    http.get('/api/visit-links/tok/', () => (link instanceof Response ? link : HttpResponse.json(link))),
    http.post('/api/visit-links/tok/', async ({ request }) => (onPost ? onPost(await request.json()) : HttpResponse.json(link))),
  );
  return renderWithProviders(<VisitLinkPage />, { route: '/visit/tok', path: '/visit/:token' });
}

describe('VisitLinkPage', () => {
  it('confirms the visit without logging in', async () => {
    let posted: unknown;
    const { user } = renderPage(buildLink(), (body) => {
      posted = body;
      return HttpResponse.json(buildLink({ state: 'used' }));
    });

    expect(await screen.findByRole('heading', { name: 'Confirm your visit' })).toBeInTheDocument();
    expect(screen.getByText('Dr. Ada Smith')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, I will come' }));

    expect(await screen.findByText('Thank you: the clinic knows you will come.')).toBeInTheDocument();
    expect(posted).toEqual({});
  });

  it('cancels with a reason and shows the cutoff refusal', async () => {
    const { user } = renderPage(buildLink({ action: 'cancel' }), () =>
      HttpResponse.json(
        { detail: 'Appointments can only be cancelled online up to 24 hours before they start. Please call the clinic.', code: 'cancellation_window_closed' },
        { status: 400 },
      ),
    );

    await user.type(await screen.findByLabelText('Reason for cancelling (optional)'), 'Away');
    await user.click(screen.getByRole('button', { name: 'Cancel the visit' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Please call the clinic.');
  });

  it('says clearly when a link was used or has expired', async () => {
    renderPage(buildLink({ state: 'used', detail: 'This link has already been used.' }));

    expect(await screen.findByText(/This link has already been used\./)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Yes, I will come' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });

  it('says when a link is not valid', async () => {
    renderPage(HttpResponse.json({ detail: 'This link is not valid.', code: 'link_invalid' }, { status: 404 }));

    expect(await screen.findByText(/This link is not valid\. Please check/)).toBeInTheDocument();
  });

  it('shows a link used meanwhile elsewhere as gone', async () => {
    const { user } = renderPage(buildLink(), () =>
      HttpResponse.json({ detail: 'This link has already been used.', code: 'link_used' }, { status: 410 }),
    );

    await user.click(await screen.findByRole('button', { name: 'Yes, I will come' }));

    expect(await screen.findByText(/This link has already been used\./)).toBeInTheDocument();
  });
});
