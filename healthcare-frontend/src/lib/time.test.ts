import { describe, expect, it } from 'vitest';
import {
  formatLocalDateTime,
  formatTimeRange,
  isClockTime,
  isIsoDate,
  normalizeDateInput,
  normalizeTimeInput,
  zonedDateTime,
  zoneLabel,
} from './time';

describe('zoneLabel', () => {
  it('adds the short name only where it says something the zone name does not', () => {
    expect(zoneLabel('2027-03-01T09:00:00Z', 'Europe/Berlin')).toMatch(/^Europe\/Berlin \((CET|GMT\+1)\)$/);
    expect(zoneLabel('2027-03-01T09:00:00Z', 'UTC')).toBe('UTC');
  });
});

describe('zonedDateTime', () => {
  it('reads a wall-clock time in the zone, with the offset in force that day', () => {
    expect(zonedDateTime('2027-03-21', '09:00', 'Europe/Berlin')).toBe('2027-03-21T09:00:00+01:00');
    expect(zonedDateTime('2027-03-28', '09:00', 'Europe/Berlin')).toBe('2027-03-28T09:00:00+02:00');
    expect(zonedDateTime('2027-11-07', '09:00', 'America/New_York')).toBe('2027-11-07T09:00:00-05:00');
  });
});

describe('typed dates and times', () => {
  it('reads only real ISO dates and 24-hour times', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('02/28/2027')).toBe(false);
    expect(isClockTime('23:59')).toBe(true);
    expect(isClockTime('24:00')).toBe(false);
    expect(isClockTime('9:30 PM')).toBe(false);
  });

  it('tidies what people type', () => {
    expect(normalizeDateInput(' 2027-1-4 ')).toBe('2027-01-04');
    expect(normalizeTimeInput('9')).toBe('09:00');
    expect(normalizeTimeInput('930')).toBe('09:30');
    expect(normalizeTimeInput('9.30')).toBe('09:30');
    expect(normalizeTimeInput('14:05')).toBe('14:05');
    expect(normalizeTimeInput('2 pm')).toBe('2 pm');
  });

  it('formats ranges and local timestamps on a 24-hour clock', () => {
    expect(formatTimeRange('2027-03-01T13:00:00Z', '2027-03-01T13:30:00Z', 'Europe/Berlin')).toBe('14:00–14:30');
    expect(formatLocalDateTime('2027-03-01T13:00:00Z')).toMatch(/^1 Mar 2027, \d\d:00$/);
  });
});
