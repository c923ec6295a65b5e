import { describe, expect, it } from 'vitest';
import { zonedDateTime, zoneLabel } from './time';

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
