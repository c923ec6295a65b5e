import { describe, expect, it } from 'vitest';
import { zoneLabel } from './time';

describe('zoneLabel', () => {
  it('adds the short name only where it says something the zone name does not', () => {
    expect(zoneLabel('2027-03-01T09:00:00Z', 'Europe/Berlin')).toMatch(/^Europe\/Berlin \((CET|GMT\+1)\)$/);
    expect(zoneLabel('2027-03-01T09:00:00Z', 'UTC')).toBe('UTC');
  });
});
