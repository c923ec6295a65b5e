import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { LeaveDaysEditor } from '../features/availability/leave-days-editor';
import { WorkingHoursEditor } from '../features/availability/working-hours-editor';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';

const AUTH = { auth: { access: 'a', refresh: 'r' } };

describe('date and time inputs', () => {
  it('working hours take 24-hour HH:MM text, tidied on leaving the field, and say the format when unreadable', async () => {
    const posted: unknown[] = [];
    server.use(
      http.get('/api/working-hours/', () => HttpResponse.json([])),
      http.post('/api/working-hours/', async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ id: 1, doctor: 1, weekday: 0, start_time: '08:30:00', end_time: '17:00:00' }, { status: 201 });
      }),
    );
    const { user, container } = renderWithProviders(<WorkingHoursEditor doctorId={1} />, AUTH);

    const from = await screen.findByRole('textbox', { name: 'From' });
    expect(container.querySelector('input[type="time"], input[type="date"]')).toBeNull();
    await user.clear(from);
    await user.type(from, '2 pm');
    await user.tab();
    expect(screen.getByText('Use HH:MM, 24-hour')).toBeInTheDocument();

    await user.clear(from);
    await user.type(from, '830');
    await user.tab();
    expect(from).toHaveValue('08:30');
    await user.click(screen.getByRole('button', { name: 'Add hours' }));
    await expect.poll(() => posted).toEqual([{ doctor: 1, weekday: 0, start_time: '08:30', end_time: '17:00' }]);
  });

  it('leave dates are YYYY-MM-DD text, echoed as the pages write dates', async () => {
    server.use(http.get('/api/leave-days/', () => HttpResponse.json([])));
    const { user, container } = renderWithProviders(<LeaveDaysEditor doctorId={1} timeZone="UTC" />, AUTH);

    const first = await screen.findByRole('textbox', { name: 'First day' });
    expect(container.querySelector('input[type="date"]')).toBeNull();
    await user.clear(first);
    await user.type(first, '2031-1-6');
    await user.tab();
    expect(first).toHaveValue('2031-01-06');
    expect(screen.getAllByText('Mon 6 Jan 2031')).toHaveLength(2); // the last day follows the first
    expect(document.body.textContent).not.toMatch(/\b(AM|PM)\b|\d\d\/\d\d\/\d{4}/);
  });
});
