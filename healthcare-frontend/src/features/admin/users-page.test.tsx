import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { AdminUser } from '../../lib/types';
import { buildMe, buildUser, paginated } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { UsersPage } from './users-page';

// Deactivating (and going back from a role change) asking first is covered in components/confirm-dialog.test.tsx.

const AUTH = { auth: { access: 'a', refresh: 'r' } };

const grace = buildUser({ id: 5, username: 'grace', email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', role: 'patient' });
const ada = buildUser({ id: 6, username: 'ada', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', role: 'doctor' });

/** An admin (id 1) and the users endpoint answering by the role asked for; returns the query strings it got. */
function usersByRole(users: AdminUser[]) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get('/api/me/', () => HttpResponse.json(buildMe('admin', { id: 1 }))),
    http.get('/api/users/', ({ request }) => {
      const params = new URL(request.url).searchParams;
      queries.push(params);
      const role = params.get('role');
      return HttpResponse.json(paginated(users.filter((u) => !role || u.role === role)));
    }),
  );
  return queries;
}

describe('admin users page', () => {
  it('lists the users the API returns, with their role and status', async () => {
    usersByRole([grace, ada]);
    renderWithProviders(<UsersPage />, AUTH);

    const table = await screen.findByRole('table', { name: 'Users' });
    expect(screen.getByText('2 users')).toBeInTheDocument();
    const row = within(table).getByText('Grace Hopper').closest('tr')!;
    expect(within(row).getAllByText('grace@example.com').length).toBeGreaterThan(0);
    expect(within(row).getByRole('combobox', { name: 'Role of grace' })).toHaveTextContent(/^Patient$/);
    expect(within(table).getByRole('combobox', { name: 'Role of ada' })).toHaveTextContent(/^Doctor$/);
    expect(within(row).getByRole('switch', { name: 'grace is active' })).toBeChecked();
  });

  it('filters by role through the query parameter', async () => {
    const queries = usersByRole([grace, ada]);
    const { user } = renderWithProviders(<UsersPage />, AUTH);

    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument();
    expect(queries.at(-1)?.get('role')).toBeNull();
    await user.click(screen.getByRole('combobox', { name: 'Role' }));
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Doctor' }));

    // The table stays on screen while the filtered list loads: wait for its rows to change.
    await waitFor(() => expect(screen.queryByText('Grace Hopper')).not.toBeInTheDocument());
    expect(within(screen.getByRole('table', { name: 'Users' })).getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByText('1 user')).toBeInTheDocument();
    expect(queries.at(-1)?.get('role')).toBe('doctor');
  });

  it('changes a role only after confirming, and shows the API’s reason when it refuses', async () => {
    usersByRole([grace]);
    const patches: unknown[] = [];
    const detail = 'Grace Hopper has upcoming appointments as a patient; cancel them first.';
    server.use(
      http.patch('/api/users/:id/', async ({ request, params }) => {
        patches.push({ id: params.id, body: await request.json() });
        return HttpResponse.json({ detail, code: 'RoleChangeRefused' }, { status: 400 });
      }),
    );
    const { user } = renderWithProviders(<UsersPage />, AUTH);

    await user.click(await screen.findByRole('combobox', { name: 'Role of grace' }));
    await user.click(screen.getByRole('option', { name: 'Doctor' }));
    const dialog = screen.getByRole('dialog', { name: 'Make Grace Hopper doctor?' });
    expect(patches).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));

    expect(await screen.findByText(detail)).toBeInTheDocument();
    expect(patches).toEqual([{ id: '5', body: { role: 'doctor' } }]);
    expect(screen.queryByText(/RoleChangeRefused/)).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Refused: the row still shows the role the user has.
    expect(screen.getByRole('combobox', { name: 'Role of grace' })).toHaveTextContent(/^Patient$/);
  });

  it('says the role was saved when the API accepts it', async () => {
    usersByRole([grace]);
    const patches: unknown[] = [];
    server.use(
      http.patch('/api/users/:id/', async ({ request }) => {
        const body = (await request.json()) as Partial<AdminUser>;
        patches.push(body);
        return HttpResponse.json({ ...grace, ...body });
      }),
    );
    const { user } = renderWithProviders(<UsersPage />, AUTH);

    await user.click(await screen.findByRole('combobox', { name: 'Role of grace' }));
    await user.click(screen.getByRole('option', { name: 'Admin' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Make Grace Hopper admin?' })).getByRole('button', { name: 'Change role' }));

    expect(await screen.findByText('Saved grace.')).toBeInTheDocument();
    expect(patches).toEqual([{ role: 'admin' }]);
  });
});
