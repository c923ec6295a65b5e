import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { slot } from '../testing/builders';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';
import { SlotPicker } from './slot-picker';

const SLOTS = [
  slot('2027-03-01T09:00:00+01:00', '2027-03-01T09:30:00+01:00'),
  slot('2027-03-01T09:30:00+01:00', '2027-03-01T10:00:00+01:00'),
  slot('2027-03-02T14:30:00+01:00', '2027-03-02T15:00:00+01:00'),
  // 23:30 UTC on 2 March, but 00:30 on Wednesday 3 March on the doctor's clock.
  slot('2027-03-03T00:30:00+01:00', '2027-03-03T01:00:00+01:00'),
];

/** Serves `byWindow[start]` for a window starting at `start`, nothing elsewhere. */
function serveSlots(byWindow: Record<string, typeof SLOTS> = { '2027-03-01': SLOTS }) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get('/api/doctors/7/slots/', ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push(params);
      return HttpResponse.json(byWindow[params.get('start') ?? ''] ?? []);
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
  it("shows only the days with free times, with their counts, on the doctor's calendar", async () => {
    serveSlots();
    renderPicker();

    const strip = await screen.findByRole('group', { name: 'Days with free times' });
    const days = within(strip).getAllByRole('button');
    expect(days.map((day) => day.textContent)).toEqual(['Mon 1 Mar 2 free', 'Tue 2 Mar 1 free', 'Wed 3 Mar 1 free']);
    // The first free day is open.
    const monday = screen.getByRole('group', { name: 'Monday 1 March' });
    expect(within(monday).getAllByRole('button', { name: /^Monday 1 March, \d\d:\d\d$/ })).toHaveLength(2);
    expect(screen.getByText(/Europe\/Berlin/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /your time/ })).not.toBeInTheDocument();
  });

  it('opens another day from the strip and steps to the next free day', async () => {
    serveSlots();
    const { user } = renderPicker();
    await user.click(await screen.findByRole('button', { name: 'Wed 3 Mar 1 free' }));
    expect(within(screen.getByRole('group', { name: 'Wednesday 3 March' })).getByRole('button', { name: /00:30/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tue 2 Mar 1 free' }));
    await user.click(screen.getByRole('button', { name: 'Next free day' }));
    expect(screen.getByRole('group', { name: 'Wednesday 3 March' })).toBeInTheDocument();
  });

  it("also shows the patient's own time when their zone differs", async () => {
    serveSlots();
    const { user } = renderPicker({ viewerTimeZone: 'America/New_York' });

    // 09:00 in Berlin (UTC+1) is 03:00 in New York (UTC-5).
    expect(await screen.findByRole('button', { name: 'Monday 1 March, 09:00 (03:00 your time)' })).toBeInTheDocument();
    // 00:30 on Wednesday in Berlin is still Tuesday evening in New York.
    await user.click(screen.getByRole('button', { name: 'Wed 3 Mar 1 free' }));
    expect(screen.getByRole('button', { name: /00:30 \(18:30 Tue your time\)/ })).toBeInTheDocument();
    expect(screen.getByText(/your local time \(America\/New_York/i)).toBeInTheDocument();
  });

  it('calls back with the chosen slot', async () => {
    serveSlots();
    const { user, onSelect } = renderPicker();
    await user.click(await screen.findByRole('button', { name: 'Tue 2 Mar 1 free' }));
    await user.click(screen.getByRole('button', { name: /14:30/ }));
    expect(onSelect).toHaveBeenCalledWith(SLOTS[2]);
  });

  it('jumps over empty weeks to the next free day by itself', async () => {
    const later = [slot('2027-03-31T10:00:00+02:00', '2027-03-31T10:30:00+02:00')];
    const requests = serveSlots({ '2027-03-29': later });
    renderPicker();

    expect(await screen.findByRole('button', { name: 'Wed 31 Mar 1 free' })).toHaveAttribute('aria-pressed', 'true');
    expect(requests.map((r) => [r.get('start'), r.get('end')])).toEqual([
      ['2027-03-01', '2027-03-14'],
      ['2027-03-15', '2027-03-28'],
      ['2027-03-29', '2027-04-11'],
    ]);
  });

  it('says so when nothing is free for weeks, and pages by hand', async () => {
    const requests = serveSlots({});
    const { user } = renderPicker();
    expect(await screen.findByText(/no free times between/i, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(requests).toHaveLength(6);
    expect(screen.getByText('10 May – 23 May 2027')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Earlier dates' }));
    expect(await screen.findByText('26 Apr – 9 May 2027')).toBeInTheDocument();
  });

  it('does not page back before today', async () => {
    server.use(http.get('/api/doctors/7/slots/', () => HttpResponse.json([])));
    renderPicker({ initialDate: undefined });
    expect(await screen.findByRole('button', { name: 'Earlier dates' })).toBeDisabled();
  });
});
