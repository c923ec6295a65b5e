import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { LeaveDaysEditor } from '../features/availability/leave-days-editor';
import { WorkingHoursEditor } from '../features/availability/working-hours-editor';
import { UsersPage } from '../features/admin/users-page';
import type { AdminUser } from '../lib/types';
import { buildMe, buildUser, paginated } from '../testing/builders';
import { renderWithProviders } from '../testing/render';
import { server } from '../testing/server';

const AUTH = { auth: { access: 'a', refresh: 'r' } };

/** Records every write the page sends, as "METHOD path body". */
function recordWrites() {
  const writes: string[] = [];
  const record = async ({ request }: { request: Request }) => {
    const body = request.method === 'DELETE' ? '' : ` ${await request.text()}`;
    writes.push(`${request.method} ${new URL(request.url).pathname}${body}`);
  };
  return { writes, record };
}

describe('destructive actions ask first', () => {
  it('deletes working hours only after "Delete hours"', async () => {
    const { writes, record } = recordWrites();
    server.use(
      http.get('/api/working-hours/', () => HttpResponse.json([{ id: 7, doctor: 1, weekday: 0, start_time: '09:00:00', end_time: '13:00:00' }])),
      http.delete('/api/working-hours/:id/', async (info) => {
        await record(info);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderWithProviders(<WorkingHoursEditor doctorId={1} />, AUTH);

    const chip = await screen.findByRole('button', { name: /Monday 09:00–13:00/ });
    chip.focus();
    await user.keyboard('{Delete}');
    const dialog = screen.getByRole('dialog', { name: 'Delete Monday 09:00–13:00?' });
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(writes).toEqual([]);

    chip.focus();
    await user.keyboard('{Delete}');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete hours' }));
    await vi.waitFor(() => expect(writes).toEqual(['DELETE /api/working-hours/7/']));
  });

  it('deletes a leave only after "Delete leave"', async () => {
    const { writes, record } = recordWrites();
    server.use(
      http.get('/api/leave-days/', () => HttpResponse.json([{ id: 3, doctor: 1, start_date: '2999-01-04', end_date: '2999-01-04', reason: 'Course' }])),
      http.delete('/api/leave-days/:id/', async (info) => {
        await record(info);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderWithProviders(<LeaveDaysEditor doctorId={1} timeZone="UTC" />, AUTH);

    await user.click(await screen.findByRole('button', { name: /Delete leave/ }));
    await user.click(within(screen.getByRole('dialog', { name: /Delete leave .*2999\?/ })).getByRole('button', { name: 'Go back' }));
    expect(writes).toEqual([]);

    await user.click(screen.getByRole('button', { name: /Delete leave/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete leave' }));
    await vi.waitFor(() => expect(writes).toEqual(['DELETE /api/leave-days/3/']));
  });

  it('changes a role or deactivates a user only after confirming; reactivating does not ask', async () => {
    const { writes, record } = recordWrites();
    const grace: AdminUser = buildUser({ id: 5, username: 'grace', email: 'g@example.com', first_name: 'Grace', last_name: 'Hopper', role: 'patient' });
    const alan: AdminUser = { ...grace, id: 6, username: 'alan', first_name: 'Alan', last_name: 'Turing', is_active: false };
    server.use(
      http.get('/api/me/', () => HttpResponse.json(buildMe('admin', { id: 1 }))),
      http.get('/api/users/', () => HttpResponse.json(paginated([grace, alan]))),
      http.patch('/api/users/:id/', async (info) => {
        await record(info);
        return HttpResponse.json(grace);
      }),
    );
    const { user } = renderWithProviders(<UsersPage />, AUTH);

    await user.click(await screen.findByRole('combobox', { name: 'Role of grace' }));
    await user.click(screen.getByRole('option', { name: 'Doctor' }));
    const roleDialog = screen.getByRole('dialog', { name: 'Make Grace Hopper doctor?' });
    await user.click(within(roleDialog).getByRole('button', { name: 'Go back' }));

    await user.click(screen.getByRole('switch', { name: 'grace is active' }));
    const offDialog = screen.getByRole('dialog', { name: 'Deactivate Grace Hopper?' });
    await user.click(within(offDialog).getByRole('button', { name: 'Go back' }));
    expect(writes).toEqual([]);
    expect(screen.getByRole('switch', { name: 'grace is active' })).toBeChecked();

    await user.click(screen.getByRole('switch', { name: 'grace is active' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Deactivate' }));
    await vi.waitFor(() => expect(writes).toEqual(['PATCH /api/users/5/ {"is_active":false}']));

    await user.click(screen.getByRole('switch', { name: 'alan is active' }));
    await vi.waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toBe('PATCH /api/users/6/ {"is_active":true}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
