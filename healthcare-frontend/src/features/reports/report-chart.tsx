import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material/styles';
import type { ReportGroupBy } from '../../lib/types';

export interface ChartPoint {
  label: string;
  value: number;
}

/**
 * Bars: one per day of the range (the days without visits at zero) or one per category. A line
 * through daily counts drew slopes between days that had none. The table beside it holds the same data.
 */
export function ReportChart({ data, groupBy, valueName }: { data: ChartPoint[]; groupBy: ReportGroupBy; valueName: string }) {
  const theme = useTheme();
  const color = theme.palette.primary.main;
  const axis = { fontSize: 12, fill: theme.palette.text.secondary };
  const daily = groupBy === 'day';
  const slanted = !daily && data.length > 6;
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={data} margin={{ top: 10, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
        <XAxis
          dataKey="label"
          tick={axis}
          interval={daily ? 'preserveStartEnd' : 0}
          minTickGap={daily ? 12 : 0}
          angle={slanted ? -25 : 0}
          textAnchor={slanted ? 'end' : 'middle'}
          height={slanted ? 60 : 30}
        />
        <YAxis tick={axis} allowDecimals={false} width={56} />
        <Tooltip cursor={{ fill: 'rgba(11,110,121,0.08)' }} />
        <Bar dataKey="value" name={valueName} fill={color} radius={[4, 4, 0, 0]} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
