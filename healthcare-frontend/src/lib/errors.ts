import type { FetchBaseQueryError } from '@reduxjs/toolkit/query';
import type { SerializedError } from '@reduxjs/toolkit';

/** Shown for a 409 from booking or rescheduling. */
export const SLOT_TAKEN_MESSAGE = 'That slot was just taken, pick another.';

export type AnyApiError = FetchBaseQueryError | SerializedError | undefined | null | unknown;

export type FieldErrors = Record<string, string[]>;

function isFetchError(error: unknown): error is FetchBaseQueryError {
  return typeof error === 'object' && error !== null && 'status' in error;
}

/** HTTP status of an RTK Query error, or undefined for network/parsing errors. */
export function errorStatus(error: AnyApiError): number | undefined {
  if (isFetchError(error) && typeof error.status === 'number') return error.status;
  return undefined;
}

function bodyOf(error: AnyApiError): unknown {
  return isFetchError(error) && 'data' in error ? error.data : undefined;
}

function asMessages(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(asMessages);
  if (value && typeof value === 'object') return Object.values(value).flatMap(asMessages);
  return [];
}

/** The machine-readable `code` of an error body (e.g. "otp_required"), if any. */
export function errorCode(error: AnyApiError): string | undefined {
  const body = bodyOf(error);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const code = (body as Record<string, unknown>).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * DRF field errors `{field: [messages]}`, without `detail`, `non_field_errors` and the machine
 * `code` that comes beside a `detail` (`{"detail": "…", "code": "WorkingHoursOverlap"}` is one
 * readable message, not an error on a field named "code").
 */
export function fieldErrors(error: AnyApiError): FieldErrors {
  const body = bodyOf(error);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const hasDetail = 'detail' in body;
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'detail' || key === 'non_field_errors') continue;
    if (key === 'code' && (hasDetail || typeof value === 'string')) continue;
    const messages = asMessages(value);
    if (messages.length) out[key] = messages;
  }
  return out;
}

/** A text field's error state and messages: `<TextField {...fieldProps(errors, 'email')} />`. */
export function fieldProps(errors: FieldErrors, name: string): { error: boolean; helperText: string | undefined } {
  return { error: Boolean(errors[name]), helperText: errors[name]?.join(' ') };
}

/** Field errors of a nested object: `{"user": {"email": ["…"]}}` with key "user" → `{email: ["…"]}`. */
export function nestedFieldErrors(error: AnyApiError, key: string): FieldErrors {
  const body = bodyOf(error);
  const nested = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  if (!nested || typeof nested !== 'object' || Array.isArray(nested)) return {};
  const out: FieldErrors = {};
  for (const [field, value] of Object.entries(nested)) {
    const messages = asMessages(value);
    if (messages.length) out[field] = messages;
  }
  return out;
}

/**
 * The message to show in an alert: `detail`, else `non_field_errors`, else (when asked) every
 * field message, else a generic message by status.
 */
export function errorMessage(error: AnyApiError, options: { includeFields?: boolean } = {}): string {
  const body = bodyOf(error);
  if (typeof body === 'string' && body && !body.trimStart().startsWith('<')) return body;
  if (Array.isArray(body)) {
    const messages = asMessages(body);
    if (messages.length) return messages.join(' ');
  }
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === 'string') return record.detail;
    const general = asMessages(record.non_field_errors);
    if (general.length) return general.join(' ');
    if (options.includeFields) {
      const fields = Object.entries(fieldErrors(error)).map(
        ([field, messages]) => `${humanize(field)}: ${messages.join(' ')}`,
      );
      if (fields.length) return fields.join(' ');
    }
  }
  const status = errorStatus(error);
  if (status === 401) return 'Your session has ended. Please log in again.';
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return 'Not found.';
  if (status !== undefined && status >= 500) return 'The server had a problem. Please try again.';
  if (isFetchError(error) && error.status === 'FETCH_ERROR') {
    return 'Could not reach the server. Check your connection and try again.';
  }
  return 'Something went wrong. Please try again.';
}

/** Messages for fields that have no input on the form, so that they are still seen. */
export function otherFieldMessages(errors: FieldErrors, shownFields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([field]) => !shownFields.includes(field))
    .map(([field, messages]) => `${humanize(field)}: ${messages.join(' ')}`);
}

export function humanize(field: string): string {
  const text = field.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What a form shows above its fields: the readable `detail` (or non-field errors) and any field
 * message that has no input on the form; null when every error sits at its field.
 */
export function formAlert(error: AnyApiError, shownFields: readonly string[]): string | null {
  if (!error) return null;
  const errors = fieldErrors(error);
  const unplaced = otherFieldMessages(errors, shownFields);
  const placedOnly = Object.keys(errors).length > 0 && unplaced.length === 0;
  const body = bodyOf(error);
  const general =
    body && typeof body === 'object' && !Array.isArray(body) && ('detail' in body || 'non_field_errors' in body)
      ? errorMessage(error)
      : null;
  if (placedOnly && !general) return null;
  return [general ?? (unplaced.length ? null : errorMessage(error)), ...unplaced].filter(Boolean).join(' ');
}
