import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildSettings } from '../../testing/builders';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { SettingsPage } from './settings-page';

const ADMIN = { auth: { access: 'a', refresh: 'r' } };

describe('SettingsPage reminder schedule', () => {
  it('edits the lead times per channel and saves them with the other rules', async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      http.get('/api/settings/', () =>
        HttpResponse.json(buildSettings({ reminder_schedule: [{ channel: 'email', hours_before: 24 }] })),
      ),
      http.patch('/api/settings/', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(buildSettings(body));
      }),
    );
    const { user } = renderWithProviders(<SettingsPage />, ADMIN);

    expect(await screen.findByLabelText('Reminder 1 hours before')).toHaveValue(24);
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    await user.click(screen.getByLabelText('Reminder 2 channel'));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'SMS' }));
    await user.clear(screen.getByLabelText('Reminder 2 hours before'));
    await user.type(screen.getByLabelText('Reminder 2 hours before'), '2');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect(body?.reminder_schedule).toEqual([
      { channel: 'email', hours_before: 24 },
      { channel: 'sms', hours_before: 2 },
    ]);
  });

  it('says what happens without a schedule and shows a refused schedule by the editor', async () => {
    server.use(
      http.patch('/api/settings/', () =>
        HttpResponse.json({ reminder_schedule: { 0: { hours_before: ['Ensure this value is greater than or equal to 1.'] } } }, { status: 400 }),
      ),
    );
    const { user } = renderWithProviders(<SettingsPage />, ADMIN);

    expect(await screen.findByText(/no schedule: one reminder by email and sms 24 hours before/i)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    await user.click(screen.getByRole('button', { name: 'Remove reminder 1' }));
    await user.click(screen.getByRole('button', { name: 'Add reminder' }));
    await user.clear(screen.getByLabelText('Reminder 1 hours before'));
    await user.type(screen.getByLabelText('Reminder 1 hours before'), '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Ensure this value is greater than or equal to 1.')).toBeInTheDocument();
  });
});
