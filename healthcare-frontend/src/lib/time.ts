import { TZDate } from '@date-fns/tz';
import { addDays, format, formatISO, parseISO } from 'date-fns';
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
  return formatISO(new TZDate(year, month - 1, day, hours, minutes, timeZone));
}

// Typed dates and times. Native date and time inputs follow the browser's language, not the page:
// an en-US browser shows mm/dd/yyyy and AM/PM beside a page that says "Mon 4 Jan, 14:30". The SPA
// takes dates as YYYY-MM-DD and times as 24-hour HH:MM instead, the forms the API speaks.

/** True for a real calendar date written `YYYY-MM-DD` (not 2027-02-30). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = parseISO(text);
  return !Number.isNaN(date.getTime()) && format(date, 'yyyy-MM-dd') === text;
}

/** True for a 24-hour `HH:MM` time. */
export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/** "2027-1-4" → "2027-01-04"; anything else is returned trimmed, as typed. */
export function normalizeDateInput(text: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text.trim();
}

/** "9" → "09:00", "930" and "9.30" → "09:30"; anything else is returned trimmed, as typed. */
export function normalizeTimeInput(text: string): string {
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?$/.exec(text.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2] ?? '00'}` : text.trim();
}

/** An instant on the viewer's own clock, for timestamps that belong to no doctor: "4 Jan 2027, 14:30". */
export function formatLocalDateTime(value: IsoDateTime): string {
  return formatInZone(value, userTimeZone(), 'd MMM yyyy, HH:mm');
}

/** "09:00–09:30" on the clock of `timeZone`. */
export function formatTimeRange(start: IsoDateTime, end: IsoDateTime, timeZone: string): string {
  return `${formatInZone(start, timeZone, 'HH:mm')}–${formatInZone(end, timeZone, 'HH:mm')}`;
}
