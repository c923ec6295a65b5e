import type { DecimalString, Doctor, NestedUser } from './types';

/** Fees and revenue are decimal strings; the currency is the clinic's, so it is not named. */
/** An amount with the clinic's currency (ISO 4217 code) when known, e.g. "€90.00". */
export function formatMoney(value: DecimalString | number | null | undefined, currency?: string): string {
  const amount = typeof value === 'number' ? value : Number.parseFloat(value ?? '');
  if (!Number.isFinite(amount)) return '—';
  const digits = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  try {
    if (currency) return amount.toLocaleString(undefined, { style: 'currency', currency, ...digits });
  } catch {
    // An unknown code: fall back to the plain number below rather than break the page.
  }
  return amount.toLocaleString(undefined, digits);
}

export function fullName(user: Pick<NestedUser, 'first_name' | 'last_name' | 'username'>): string {
  return `${user.first_name} ${user.last_name}`.trim() || user.username;
}

/**
 * "Clinic, street, city" for a doctor, without saying a part twice: addresses are free text and
 * often repeat the clinic's name or the city ("Mitte Family Practice, Berlin").
 */
export function doctorPlace(doctor: Pick<Doctor, 'clinic_name' | 'address' | 'city'>): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const part of [doctor.clinic_name, ...(doctor.address ?? '').split(','), doctor.city]) {
    const text = (part ?? '').trim();
    if (text && !seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      parts.push(text);
    }
  }
  return parts.join(', ');
}
