import { addDaysToDate } from '../../lib/time';
import type { IsoDate } from '../../lib/types';

/** More days than this and the chart shows only the days that have figures. */
const MAX_FILLED_DAYS = 370;

/**
 * The report lists only days that have appointments; a line drawn through those alone would
 * suggest a steady trend across empty days. This puts every day of the range on the axis, with
 * zero for the days the report left out.
 */
export function everyDay<T extends { key: string }>(
  rows: T[],
  from: IsoDate | undefined,
  to: IsoDate | undefined,
  empty: (day: IsoDate) => T,
): T[] {
  if (!from || !to || from > to) return rows;
  const byDay = new Map(rows.map((row) => [row.key, row]));
  const days: T[] = [];
  for (let day = from; day <= to; day = addDaysToDate(day, 1)) {
    if (days.length >= MAX_FILLED_DAYS) return rows;
    days.push(byDay.get(day) ?? empty(day));
  }
  return days;
}
