import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppointmentsReport, RevenueReport } from '../../lib/types';
import { renderWithProviders } from '../../testing/render';
import { server } from '../../testing/server';
import { ReportsPage } from './reports-page';

const AUTH = { auth: { access: 'a', refresh: 'r' } };

/** Both reports, echoing the range asked for; records every query string, CSV downloads included. */
function reports({ appointments, revenue }: { appointments: AppointmentsReport['results']; revenue: RevenueReport['results'] }) {
  const requests: { path: string; params: URLSearchParams }[] = [];
  const answer = (path: string, body: (from: string, to: string) => object) =>
    http.get(path, ({ request }) => {
      const params = new URL(request.url).searchParams;
      requests.push({ path, params });
      if (params.get('format') === 'csv') return new HttpResponse('key,label,count\n', { headers: { 'Content-Type': 'text/csv' } });
      return HttpResponse.json(body(params.get('date_from')!, params.get('date_to')!));
    });
  server.use(
    answer('/api/reports/appointments/', (from, to) => ({
      group_by: 'day',
      date_from: from,
      date_to: to,
      total: appointments.reduce((sum, r) => sum + r.count, 0),
      results: appointments.map((r) => ({ ...r, key: r.key === 'FROM' ? from : to, label: '' })),
    })),
    answer('/api/reports/revenue/', (from, to) => ({
      group_by: 'day',
      date_from: from,
      date_to: to,
      total: revenue.reduce((sum, r) => sum + r.count, 0),
      total_revenue: revenue.reduce((sum, r) => sum + Number(r.revenue), 0).toFixed(2),
      results: revenue.map((r) => ({ ...r, key: r.key === 'FROM' ? from : to, label: '' })),
    })),
  );
  return requests;
}

/** The body rows of a report table, as the text of their cells. */
function bodyRows(table: HTMLElement): string[][] {
  const [, body] = within(table).getAllByRole('rowgroup');
  return within(body)
    .getAllByRole('row')
    .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent ?? ''));
}

describe('reports page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the appointments report of the last 30 days by day', async () => {
    const requests = reports({ appointments: [{ key: 'FROM', label: '', count: 3 }, { key: 'TO', label: '', count: 2 }], revenue: [] });
    renderWithProviders(<ReportsPage />, AUTH);

    const table = await screen.findByRole('table', { name: 'Appointments report' });
    expect(bodyRows(table).map((cells) => cells[1])).toEqual(['3', '2']);
    expect(within(table).getByRole('row', { name: /Total/ })).toHaveTextContent('Total5');
    expect(requests).toHaveLength(1);
    const { path, params } = requests[0];
    expect(path).toBe('/api/reports/appointments/');
    expect(params.get('group_by')).toBe('day');
    const days = (Date.parse(params.get('date_to')!) - Date.parse(params.get('date_from')!)) / 86_400_000;
    expect(days).toBe(29);
  });

  it('switches to revenue: fetches it and shows visits and money per day', async () => {
    const requests = reports({
      appointments: [{ key: 'TO', label: '', count: 4 }],
      revenue: [
        { key: 'FROM', label: '', count: 2, revenue: '240.00' },
        { key: 'TO', label: '', count: 1, revenue: '95.50' },
      ],
    });
    const { user } = renderWithProviders(<ReportsPage />, AUTH);

    await screen.findByRole('table', { name: 'Appointments report' });
    await user.click(screen.getByRole('button', { name: 'Revenue' }));

    const table = await screen.findByRole('table', { name: 'Revenue report' });
    const rows = bodyRows(table);
    expect(rows.map((cells) => cells[1])).toEqual(['2', '1']);
    expect(rows[0][2]).toMatch(/240\.00/);
    expect(rows[1][2]).toMatch(/95\.50/);
    expect(within(table).getByRole('row', { name: /Total/ })).toHaveTextContent(/335\.50/);
    expect(screen.queryByRole('table', { name: 'Appointments report' })).not.toBeInTheDocument();
    expect(requests.map((r) => r.path)).toEqual(['/api/reports/appointments/', '/api/reports/revenue/']);
    expect(requests[1].params.get('group_by')).toBe('day');
  });

  it('shows the empty state when there is no revenue in the period', async () => {
    reports({ appointments: [{ key: 'TO', label: '', count: 4 }], revenue: [] });
    const { user } = renderWithProviders(<ReportsPage />, AUTH);

    await screen.findByRole('table', { name: 'Appointments report' });
    await user.click(screen.getByRole('button', { name: 'Revenue' }));

    expect(await screen.findByText('Nothing in this period')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('“Download CSV” asks the report’s CSV with the same filters and saves it', async () => {
    const requests = reports({ appointments: [{ key: 'TO', label: '', count: 4 }], revenue: [] });
    // jsdom has no blob URLs and cannot follow a download link: record the file the page saves.
    Object.assign(URL, { createObjectURL: () => 'blob:report', revokeObjectURL: () => undefined });
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { user } = renderWithProviders(<ReportsPage />, AUTH);

    await screen.findByRole('table', { name: 'Appointments report' });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    const csv = requests.filter((r) => r.params.get('format') === 'csv');
    expect(csv).toHaveLength(1);
    expect(csv[0].path).toBe('/api/reports/appointments/');
    const from = csv[0].params.get('date_from');
    const to = csv[0].params.get('date_to');
    expect(csv[0].params.get('group_by')).toBe('day');
    expect(from).toBe(requests[0].params.get('date_from'));
    expect(to).toBe(requests[0].params.get('date_to'));
    expect(saved).toEqual([`appointments-report-${from}-${to}.csv`]);
    expect(screen.queryByText(/The CSV could not be downloaded/)).not.toBeInTheDocument();
  });
});
