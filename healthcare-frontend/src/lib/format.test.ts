import { describe, expect, it } from 'vitest';
import { doctorPlace, formatMoney } from './format';

describe('doctorPlace', () => {
  it('names the clinic, street and city once each', () => {
    expect(doctorPlace({ clinic_name: 'Mitte Family Practice', address: 'Mitte Family Practice, Berlin', city: 'Berlin' })).toBe(
      'Mitte Family Practice, Berlin',
    );
    expect(doctorPlace({ clinic_name: 'Isar Skin Clinic', address: 'Leopoldstr. 5, 80802', city: 'Munich' })).toBe(
      'Isar Skin Clinic, Leopoldstr. 5, 80802, Munich',
    );
    expect(doctorPlace({ clinic_name: 'Hudson Neurology', address: '', city: 'new york' })).toBe('Hudson Neurology, new york');
  });
});

describe('formatMoney', () => {
  it('shows the clinic currency when known, and a plain amount otherwise', () => {
    expect(formatMoney('90.00', 'EUR')).toMatch(/€/);
    expect(formatMoney('90.00', 'USD')).toMatch(/\$/);
    expect(formatMoney('90.00')).toBe((90).toLocaleString(undefined, { minimumFractionDigits: 2 }));
    expect(formatMoney('90.00', 'not-a-code')).toBe((90).toLocaleString(undefined, { minimumFractionDigits: 2 }));
    expect(formatMoney(null, 'EUR')).toBe('—');
  });
});
