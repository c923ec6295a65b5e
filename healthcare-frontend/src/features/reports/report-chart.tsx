import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material/styles';
import type { ReportGroupBy } from '../../lib/types';

export interface ChartPoint {
  label: string;
  value: number;
}

/** A line over time for daily figures, bars for categories. The table next to it holds the same data. */
export function ReportChart({ data, groupBy, valueName }: { data: ChartPoint[]; groupBy: ReportGroupBy; valueName: string }) {
  const theme = useTheme();
  const color = theme.palette.primary.main;
  const axis = { fontSize: 12, fill: theme.palette.text.secondary };
  return (
    <ResponsiveContainer width="100%" height={300}>
      {groupBy === 'day' ? (
        <LineChart data={data} margin={{ top: 10, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          <XAxis dataKey="label" tick={axis} minTickGap={16} />
          <YAxis tick={axis} allowDecimals={false} width={56} />
          <Tooltip />
          <Line type="monotone" dataKey="value" name={valueName} stroke={color} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      ) : (
        <BarChart data={data} margin={{ top: 10, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
          <XAxis dataKey="label" tick={axis} interval={0} angle={data.length > 6 ? -25 : 0} textAnchor={data.length > 6 ? 'end' : 'middle'} height={data.length > 6 ? 60 : 30} />
          <YAxis tick={axis} allowDecimals={false} width={56} />
          <Tooltip />
          <Bar dataKey="value" name={valueName} fill={color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
