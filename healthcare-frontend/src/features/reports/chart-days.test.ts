import { describe, expect, it } from 'vitest';
import { everyDay } from './chart-days';

const empty = (day: string) => ({ key: day, value: 0 });

describe('everyDay', () => {
  it('puts the days without appointments on the axis as zero', () => {
    const rows = [
      { key: '2027-03-02', value: 4 },
      { key: '2027-03-04', value: 1 },
    ];
    expect(everyDay(rows, '2027-03-01', '2027-03-05', empty)).toEqual([
      { key: '2027-03-01', value: 0 },
      { key: '2027-03-02', value: 4 },
      { key: '2027-03-03', value: 0 },
      { key: '2027-03-04', value: 1 },
      { key: '2027-03-05', value: 0 },
    ]);
  });

  it('crosses month ends and keeps the rows as they are without a usable range', () => {
    expect(everyDay([], '2027-02-27', '2027-03-01', empty).map((r) => r.key)).toEqual(['2027-02-27', '2027-02-28', '2027-03-01']);
    const rows = [{ key: '2027-03-02', value: 4 }];
    expect(everyDay(rows, undefined, '2027-03-05', empty)).toBe(rows);
    expect(everyDay(rows, '2027-03-05', '2027-03-01', empty)).toBe(rows);
    expect(everyDay(rows, '2020-01-01', '2027-03-05', empty)).toBe(rows);
  });
});
