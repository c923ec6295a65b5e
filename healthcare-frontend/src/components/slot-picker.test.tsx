import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { slot } from '../testing/builders';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';
import { SlotPicker } from './slot-picker';

const SLOTS = [
  slot('2027-03-01T09:00:00+01:00', '2027-03-01T09:30:00+01:00'),
  slot('2027-03-02T14:30:00+01:00', '2027-03-02T15:00:00+01:00'),
  // 23:30 UTC on 2 March, but 00:30 on Wednesday 3 March on the doctor's clock.
  slot('2027-03-03T00:30:00+01:00', '2027-03-03T01:00:00+01:00'),
];

function serveSlots() {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get('/api/doctors/7/slots/', ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      return HttpResponse.json(params.get('start') === '2027-03-01' ? SLOTS : []);
    }),
  );
  return requests;
}

function renderPicker(props: Partial<Parameters<typeof SlotPicker>[0]> = {}) {
  const onSelect = vi.fn();
  const utils = renderWithProviders(
    <SlotPicker doctorId={7} timeZone="Europe/Berlin" initialDate="2027-03-01" viewerTimeZone="Europe/Berlin" onSelect={onSelect} {...props} />,
  );
  return { ...utils, onSelect };
}

describe('SlotPicker', () => {
  it("lays out a week of slots on the doctor's calendar days and clock", async () => {
    serveSlots();
    renderPicker();

    const monday = await screen.findByRole('group', { name: 'Monday 1 March' });
    expect(await within(monday).findByRole('button', { name: /09:00/ })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Tuesday 2 March' })).getByRole('button', { name: /14:30/ })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Wednesday 3 March' })).getByRole('button', { name: /00:30/ })).toBeInTheDocument();
    expect(screen.getAllByRole('group')).toHaveLength(7);
    expect(screen.getByText(/Europe\/Berlin/)).toBeInTheDocument();
    expect(screen.queryByText(/your local time/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /your time/ })).not.toBeInTheDocument();
  });

  it("also shows the patient's own time when their zone differs", async () => {
    serveSlots();
    renderPicker({ viewerTimeZone: 'America/New_York' });

    const monday = await screen.findByRole('group', { name: 'Monday 1 March' });
    // 09:00 in Berlin (UTC+1) is 03:00 in New York (UTC-5).
    expect(await within(monday).findByRole('button', { name: 'Monday 1 March, 09:00 (03:00 your time)' })).toBeInTheDocument();
    // 00:30 on Wednesday in Berlin is still Tuesday evening in New York.
    const wednesday = screen.getByRole('group', { name: 'Wednesday 3 March' });
    expect(within(wednesday).getByRole('button', { name: /00:30 \(18:30 Tue your time\)/ })).toBeInTheDocument();
    expect(screen.getByText(/your local time \(America\/New_York/i)).toBeInTheDocument();
  });

  it('calls back with the chosen slot', async () => {
    serveSlots();
    const { user, onSelect } = renderPicker();
    await user.click(await screen.findByRole('button', { name: /14:30/ }));
    expect(onSelect).toHaveBeenCalledWith(SLOTS[1]);
  });

  it('pages by week with the previous and next buttons', async () => {
    const requests = serveSlots();
    const { user } = renderPicker();
    await screen.findByRole('button', { name: /09:00/ });
    expect(requests[0].get('start')).toBe('2027-03-01');
    expect(requests[0].get('end')).toBe('2027-03-07');

    await user.click(screen.getByRole('button', { name: 'Next week' }));
    expect(await screen.findByRole('group', { name: 'Monday 8 March' })).toBeInTheDocument();
    await vi.waitFor(() => expect(requests.at(-1)?.get('start')).toBe('2027-03-08'));
    expect(requests.at(-1)?.get('end')).toBe('2027-03-14');
    expect(await screen.findByText(/no free times this week/i)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Previous week' }));
    expect(await screen.findByRole('button', { name: /09:00/ })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Monday 1 March' })).toBeInTheDocument();
  });

  it('does not page back before today', async () => {
    server.use(http.get('/api/doctors/7/slots/', () => HttpResponse.json([])));
    renderPicker({ initialDate: undefined });
    expect(await screen.findByRole('button', { name: 'Previous week' })).toBeDisabled();
  });
});
