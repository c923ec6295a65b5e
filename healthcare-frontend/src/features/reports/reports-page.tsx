import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import { DateField } from '../../components/date-time-field';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import { useAuthorizedDownload } from '../../lib/download';
import { useCurrency } from '../../lib/api';
import { formatMoney } from '../../lib/format';
import { addDaysToDate, formatDateLabel, isIsoDate, todayInZone, userTimeZone } from '../../lib/time';
import type { ReportGroupBy, ReportQuery } from '../../lib/types';
import { useAppointmentsReportQuery, useRevenueReportQuery } from './api';
import { everyDay } from './chart-days';
import { usePageTitle } from '../../lib/page-title';
import { ReportChart } from './report-chart';

type ReportKind = 'appointments' | 'revenue';

const GROUPS: { value: ReportGroupBy; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'doctor', label: 'Doctor' },
  { value: 'specialty', label: 'Specialty' },
  { value: 'status', label: 'Status' },
];

export function ReportsPage() {
  usePageTitle('Reports');
  const currency = useCurrency();
  const today = todayInZone(userTimeZone());
  const [kind, setKind] = useState<ReportKind>('appointments');
  const [query, setQuery] = useState<ReportQuery>({ date_from: addDaysToDate(today, -29), date_to: today, group_by: 'day' });
  const groupBy: ReportGroupBy = kind === 'revenue' && query.group_by === 'status' ? 'day' : query.group_by;
  const effective = { ...query, group_by: groupBy };
  // A half-typed date asks nothing of the server; a whole range must run forwards.
  const unreadable = [query.date_from, query.date_to].some((day) => day && !isIsoDate(day));
  const invalidRange = unreadable || Boolean(query.date_from && query.date_to && query.date_from > query.date_to);
  const appointments = useAppointmentsReportQuery(effective, { skip: kind !== 'appointments' || invalidRange });
  const revenue = useRevenueReportQuery(effective, { skip: kind !== 'revenue' || invalidRange });
  const active = kind === 'appointments' ? appointments : revenue;
  const csv = useAuthorizedDownload();

  const rows = (active.data?.results ?? []).map((row) => ({
    key: String(row.key),
    label: groupBy === 'day' ? formatDateLabel(String(row.key), 'd MMM') : row.label,
    fullLabel: groupBy === 'day' ? formatDateLabel(String(row.key), 'EEE d MMM yyyy') : row.label,
    count: row.count,
    revenue: 'revenue' in row ? (row.revenue as string) : undefined,
  }));
  const points = rows.map((r) => ({ key: r.key, label: r.label, value: kind === 'revenue' ? Number.parseFloat(r.revenue ?? '0') : r.count }));
  const chartData =
    groupBy === 'day'
      ? everyDay(points, active.data?.date_from, active.data?.date_to, (day) => ({ key: day, label: formatDateLabel(day, 'd MMM'), value: 0 }))
      : points;
  const valueName = kind === 'revenue' ? 'Revenue' : 'Appointments';

  return (
    <>
      <PageHeader
        title="Reports"
        subtitle="Appointments of every status, and revenue from completed visits."
        actions={
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            loading={csv.pending}
            disabled={invalidRange}
            onClick={() =>
              void csv.download(`reports/${kind}/`, `${kind}-report-${query.date_from ?? ''}-${query.date_to ?? ''}.csv`, {
                ...effective,
                format: 'csv',
              })
            }
          >
            Download CSV
          </Button>
        }
      />
      {csv.error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={csv.clearError}>
          The CSV could not be downloaded: {csv.error}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: 2, mb: 3, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: 'auto 1fr 1fr 1fr' }, alignItems: 'center' }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          color="primary"
          value={kind}
          onChange={(_e, value: ReportKind | null) => value && setKind(value)}
          aria-label="Report"
        >
          <ToggleButton value="appointments">Appointments</ToggleButton>
          <ToggleButton value="revenue">Revenue</ToggleButton>
        </ToggleButtonGroup>
        <DateField size="small" label="From" value={query.date_from ?? ''} onChange={(day) => setQuery({ ...query, date_from: day })} error={invalidRange} />
        <DateField size="small" label="To" value={query.date_to ?? ''} onChange={(day) => setQuery({ ...query, date_to: day })} error={invalidRange} helperText={invalidRange && !unreadable ? 'The end is before the start.' : undefined} />
        <TextField size="small" select label="Group by" value={groupBy} onChange={(e) => setQuery({ ...query, group_by: e.target.value as ReportGroupBy })}>
          {GROUPS.filter((g) => kind === 'appointments' || g.value !== 'status').map((g) => (
            <MenuItem key={g.value} value={g.value}>
              {g.label}
            </MenuItem>
          ))}
        </TextField>
      </Paper>

      {active.error ? (
        <ErrorState error={active.error} title="We couldn't load the report" onRetry={active.refetch} />
      ) : invalidRange ? null : active.isLoading || !active.data ? (
        <LoadingState label="Loading the report…" />
      ) : (
        <>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)' }, mb: 3 }}>
            <Paper variant="outlined" sx={{ p: 2 }}>
              <Typography variant="body2" color="text.secondary">
                {kind === 'revenue' ? 'Completed visits' : 'Appointments'}
              </Typography>
              <Typography sx={{ fontSize: '1.8rem', fontWeight: 700, color: 'primary.dark' }}>{active.data.total}</Typography>
            </Paper>
            {revenue.data && kind === 'revenue' && (
              <Paper variant="outlined" sx={{ p: 2 }}>
                <Typography variant="body2" color="text.secondary">
                  Revenue
                </Typography>
                <Typography sx={{ fontSize: '1.8rem', fontWeight: 700, color: 'primary.dark' }}>
                  {formatMoney(revenue.data.total_revenue, currency)}
                </Typography>
              </Paper>
            )}
          </Box>
          {rows.length === 0 ? (
            <EmptyState title="Nothing in this period" description="Pick a wider date range." />
          ) : (
            <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, alignItems: 'start' }}>
              <Card>
                <CardContent>
                  <Typography variant="h3" component="h2" gutterBottom>
                    {valueName} by {GROUPS.find((g) => g.value === groupBy)?.label.toLowerCase()}
                  </Typography>
                  <Box role="img" aria-label={`Chart of ${valueName.toLowerCase()} by ${groupBy}; the same figures are in the table`}>
                    <ReportChart data={chartData} groupBy={groupBy} valueName={valueName} />
                  </Box>
                </CardContent>
              </Card>
              <TableContainer component={Paper} variant="outlined">
                <Table size="small" aria-label={`${valueName} report`}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{GROUPS.find((g) => g.value === groupBy)?.label}</TableCell>
                      <TableCell align="right">{kind === 'revenue' ? 'Visits' : 'Appointments'}</TableCell>
                      {kind === 'revenue' && <TableCell align="right">Revenue</TableCell>}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rows.map((row) => (
                      <TableRow key={row.key}>
                        <TableCell>{row.fullLabel}</TableCell>
                        <TableCell align="right">{row.count}</TableCell>
                        {kind === 'revenue' && <TableCell align="right">{formatMoney(row.revenue, currency)}</TableCell>}
                      </TableRow>
                    ))}
                  </TableBody>
                  <TableFooter>
                    <TableRow>
                      <TableCell sx={{ fontWeight: 700 }}>Total</TableCell>
                      <TableCell align="right" sx={{ fontWeight: 700 }}>
                        {active.data.total}
                      </TableCell>
                      {kind === 'revenue' && (
                        <TableCell align="right" sx={{ fontWeight: 700 }}>
                          {formatMoney(revenue.data?.total_revenue, currency)}
                        </TableCell>
                      )}
                    </TableRow>
                  </TableFooter>
                </Table>
              </TableContainer>
            </Box>
          )}
        </>
      )}
    </>
  );
}
