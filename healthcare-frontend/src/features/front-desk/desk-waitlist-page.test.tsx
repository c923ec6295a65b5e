import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { navItemsFor } from '../../app/layouts/nav-items';
import {
  buildDoctor,
  buildMe,
  buildPatient,
  buildVisitType,
  buildWaitlistEntry,
  paginated,
} from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { DeskWaitlistPage } from './desk-waitlist-page';

const smith = buildDoctor({ id: 1, full_name: 'Dr. Sarah Smith', timezone: 'UTC' });
const alice = buildPatient({ id: 5, user: { id: 9, username: 'alice', first_name: 'Alice', last_name: 'Walker', email: 'alice@example.com' } });
const followUp = buildVisitType({ id: 4, doctor: 1, name: 'Follow-up', duration_minutes: 20 });
const offered = buildWaitlistEntry({
  id: 21,
  patient_name: 'Bob Meyer',
  doctor_name: 'Dr. Sarah Smith',
  visit_type: 4,
  visit_type_name: 'Follow-up',
  status: 'offered',
  offer: {
    appointment_time: '2027-03-02T10:00:00+01:00',
    end_time: '2027-03-02T10:20:00+01:00',
    expires_at: new Date(Date.now() + 20 * 60_000).toISOString(),
  },
});

function serve() {
  const bodies: Record<string, unknown>[] = [];
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('front_desk'))),
    http.get('/api/doctors/', () => HttpResponse.json(paginated([smith]))),
    http.get('/api/visit-types/', () => HttpResponse.json(paginated([followUp]))),
    http.get('/api/patients/', () => HttpResponse.json(paginated([alice]))),
    http.get('/api/waitlist/', () => HttpResponse.json(paginated([offered]))),
    http.post('/api/waitlist/', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push(body);
      return HttpResponse.json(buildWaitlistEntry({ id: 22, patient: 5, patient_name: 'Alice Walker', doctor: 1, visit_type: 4 }), { status: 201 });
    }),
  );
  return bodies;
}

describe('front desk waitlist', () => {
  it('is in the front desk navigation', () => {
    expect(navItemsFor('front_desk')).toContainEqual({ label: 'Waitlist', to: '/front-desk/waitlist' });
  });

  it('puts a patient on a doctor’s waitlist for a visit type', async () => {
    const bodies = serve();
    const { user } = renderWithProviders(<DeskWaitlistPage />, { auth: { access: 'a', refresh: 'r' } });

    await user.type(await screen.findByRole('textbox', { name: 'Find a patient' }), 'ali');
    await user.click(await screen.findByRole('button', { name: /Alice Walker/ }));
    await user.click(screen.getByRole('combobox', { name: 'Doctor' }));
    await user.click(await screen.findByRole('option', { name: /Dr. Sarah Smith/ }));
    const group = await screen.findByRole('radiogroup', { name: 'Type of visit' });
    await user.click(within(group).getByRole('radio', { name: /Follow-up/ }));
    const form = screen.getByRole('form', { name: 'Join the waitlist' });
    await user.click(within(form).getByRole('button', { name: 'Join the waitlist' }));

    expect(await screen.findByText(/Alice Walker is on Dr. Sarah Smith's waitlist/)).toBeInTheDocument();
    expect(bodies[0]).toMatchObject({ doctor: 1, patient: 5, visit_type: 4 });
  });

  it('lists everyone waiting with their visit type; the desk sees offers but does not answer them', async () => {
    serve();
    renderWithProviders(<DeskWaitlistPage />, { auth: { access: 'a', refresh: 'r' } });

    const entry = await screen.findByRole('article', { name: 'Waitlist entry: Bob Meyer for Dr. Sarah Smith' });
    expect(entry).toHaveTextContent('Waiting for: Follow-up,');
    expect(within(entry).getByRole('timer')).toHaveTextContent(/^Held for \d+:\d\d/);
    expect(within(entry).queryByRole('button', { name: 'Accept this time' })).not.toBeInTheDocument();
    expect(within(entry).getByRole('button', { name: 'Leave the waitlist' })).toBeInTheDocument();
  });
});
