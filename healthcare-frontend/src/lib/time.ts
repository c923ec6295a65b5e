import { TZDate } from '@date-fns/tz';
import { addDays, format, parseISO } from 'date-fns';
import type { IsoDate, IsoDateTime } from './types';

/** The browser's IANA time zone (the patient's local time). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Formats an instant as wall-clock time in `timeZone` (date-fns pattern). */
export function formatInZone(value: IsoDateTime, timeZone: string, pattern: string): string {
  return format(new TZDate(new Date(value).getTime(), timeZone), pattern);
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function dateInZone(value: IsoDateTime | Date, timeZone: string): IsoDate {
  const time = typeof value === 'string' ? new Date(value).getTime() : value.getTime();
  return format(new TZDate(time, timeZone), 'yyyy-MM-dd');
}

/** Today's calendar date in `timeZone`. */
export function todayInZone(timeZone: string): IsoDate {
  return dateInZone(new Date(), timeZone);
}

/** Calendar arithmetic on `YYYY-MM-DD` strings (no time zone involved). */
export function addDaysToDate(date: IsoDate, days: number): IsoDate {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** "Mon 1 Mar" style label for a calendar date. */
export function formatDateLabel(date: IsoDate, pattern = 'EEE d MMM'): string {
  return format(parseISO(date), pattern);
}

/** Short zone name for display, e.g. "GMT+1" or "CET", for an instant in a zone. */
export function zoneAbbreviation(value: IsoDateTime | Date, timeZone: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(date);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Europe/Berlin (CET)", or just "UTC" where the short name says nothing more than the zone's name. */
export function zoneLabel(value: IsoDateTime | Date, timeZone: string): string {
  const short = zoneAbbreviation(value, timeZone);
  return short === timeZone ? timeZone : `${timeZone} (${short})`;
}

/** True when the two zones show different wall-clock times at this instant. */
export function zonesDiffer(a: string, b: string, at: Date = new Date()): boolean {
  if (a === b) return false;
  const pattern = 'yyyy-MM-dd HH:mm';
  return format(new TZDate(at.getTime(), a), pattern) !== format(new TZDate(at.getTime(), b), pattern);
}

/** Full human date and time of an instant in a zone: "Monday 1 March 2027, 09:30". */
export function formatDateTime(value: IsoDateTime, timeZone: string): string {
  return formatInZone(value, timeZone, "EEEE d MMMM yyyy, HH:mm");
}

/** Whole hours from now until `value` (negative when in the past). */
export function hoursUntil(value: IsoDateTime, now: Date = new Date()): number {
  return (new Date(value).getTime() - now.getTime()) / 3_600_000;
}

/** The instant of a wall-clock date and time in `timeZone`, as ISO 8601 with the zone's offset then. */
export function zonedDateTime(date: IsoDate, time: string, timeZone: string): IsoDateTime {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  return format(new TZDate(year, month - 1, day, hours, minutes, timeZone), "yyyy-MM-dd'T'HH:mm:ssXXX");
}
