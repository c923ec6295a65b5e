import type { DecimalString, NestedUser } from './types';

/** Fees and revenue are decimal strings; the currency is the clinic's, so it is not named. */
export function formatMoney(value: DecimalString | number | null | undefined): string {
  const amount = typeof value === 'number' ? value : Number.parseFloat(value ?? '');
  if (!Number.isFinite(amount)) return '—';
  return amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function fullName(user: Pick<NestedUser, 'first_name' | 'last_name' | 'username'>): string {
  return `${user.first_name} ${user.last_name}`.trim() || user.username;
}
