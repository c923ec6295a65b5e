import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { LeaveDay, WorkingHours } from '../../lib/types';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { LeaveDaysEditor } from './leave-days-editor';
import { WorkingHoursEditor } from './working-hours-editor';

// Asking first before a delete is covered in components/confirm-dialog.test.tsx.

const AUTH = { auth: { access: 'a', refresh: 'r' } };

describe('working hours editor', () => {
  it('adds the hours typed in and shows them under their weekday', async () => {
    const hours: WorkingHours[] = [{ id: 1, doctor: 1, weekday: 0, start_time: '09:00:00', end_time: '17:00:00' }];
    const posted: unknown[] = [];
    server.use(
      http.get('/api/working-hours/', () => HttpResponse.json(hours)),
      http.post('/api/working-hours/', async ({ request }) => {
        const body = (await request.json()) as Omit<WorkingHours, 'id'>;
        posted.push(body);
        hours.push({ id: 2, ...body, start_time: `${body.start_time}:00`, end_time: `${body.end_time}:00` });
        return HttpResponse.json(hours[1], { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<WorkingHoursEditor doctorId={1} />, AUTH);

    const form = await screen.findByRole('form', { name: 'Add working hours' });
    await user.click(within(form).getByRole('combobox', { name: 'Weekday' }));
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Tuesday' }));
    await user.clear(within(form).getByLabelText('From'));
    await user.type(within(form).getByLabelText('From'), '08:00');
    await user.clear(within(form).getByLabelText('To'));
    await user.type(within(form).getByLabelText('To'), '12:30');
    await user.click(within(form).getByRole('button', { name: 'Add hours' }));

    expect(await screen.findByRole('button', { name: /Tuesday 08:00–12:30/ })).toBeInTheDocument();
    expect(posted).toEqual([{ doctor: 1, weekday: 1, start_time: '08:00', end_time: '12:30' }]);
    expect(screen.getByRole('button', { name: /Monday 09:00–17:00/ })).toBeInTheDocument();
  });

  it('shows the API’s sentence when the hours overlap, not its code', async () => {
    const detail = "09:00-17:00 overlaps the doctor's hours 08:00-12:00 on Monday.";
    server.use(
      http.get('/api/working-hours/', () => HttpResponse.json([{ id: 1, doctor: 1, weekday: 0, start_time: '08:00:00', end_time: '12:00:00' }])),
      http.post('/api/working-hours/', () => HttpResponse.json({ detail, code: 'WorkingHoursOverlap' }, { status: 400 })),
    );
    const { user } = renderWithProviders(<WorkingHoursEditor doctorId={1} />, AUTH);

    const form = await screen.findByRole('form', { name: 'Add working hours' });
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Add hours' }));

    // The alert appears only after the answer: wait for it rather than find an element that exists before.
    await waitFor(() => expect(within(form).getByRole('alert')).toHaveTextContent(detail));
    expect(screen.queryByText(/WorkingHoursOverlap/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Monday 09:00–17:00/ })).not.toBeInTheDocument();
  });
});

describe('leave days editor', () => {
  it('adds a leave with the dates and reason typed in and says no appointment is affected', async () => {
    const leaves: LeaveDay[] = [];
    const posted: unknown[] = [];
    server.use(
      http.get('/api/leave-days/', () => HttpResponse.json(leaves)),
      http.post('/api/leave-days/', async ({ request }) => {
        const body = (await request.json()) as Omit<LeaveDay, 'id'>;
        posted.push(body);
        leaves.push({ id: 4, ...body });
        return HttpResponse.json({ ...leaves[0], conflicting_appointments: [] }, { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<LeaveDaysEditor doctorId={1} timeZone="UTC" />, AUTH);

    const form = await screen.findByRole('form', { name: 'Add leave' });
    expect(screen.getByText('No upcoming leave.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('First day'));
    await user.type(within(form).getByLabelText('First day'), '2999-01-04');
    await user.clear(within(form).getByLabelText('Last day'));
    await user.type(within(form).getByLabelText('Last day'), '2999-01-06');
    await user.type(within(form).getByLabelText('Reason (optional)'), '  Conference ');
    await user.click(within(form).getByRole('button', { name: 'Add leave' }));

    expect(await screen.findByRole('status')).toHaveTextContent(/Leave added: .*2999\. No booked appointments are affected\./);
    expect(posted).toEqual([{ doctor: 1, start_date: '2999-01-04', end_date: '2999-01-06', reason: 'Conference' }]);
    const list = await screen.findByRole('list', { name: 'Upcoming leave' });
    expect(within(list).getByText('Conference')).toBeInTheDocument();
    expect(within(form).getByLabelText('Reason (optional)')).toHaveValue('');
  });

  it('shows the API’s refusal at the field it concerns', async () => {
    server.use(
      http.get('/api/leave-days/', () => HttpResponse.json([])),
      http.post('/api/leave-days/', () => HttpResponse.json({ end_date: ['A leave lasts at most 31 days.'] }, { status: 400 })),
    );
    const { user } = renderWithProviders(<LeaveDaysEditor doctorId={1} timeZone="UTC" />, AUTH);

    const form = await screen.findByRole('form', { name: 'Add leave' });
    const lastDay = within(form).getByLabelText('Last day');
    expect(lastDay).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(within(form).getByRole('button', { name: 'Add leave' }));

    await waitFor(() => expect(lastDay).toHaveAttribute('aria-invalid', 'true'));
    expect(within(form).getByText('A leave lasts at most 31 days.')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
