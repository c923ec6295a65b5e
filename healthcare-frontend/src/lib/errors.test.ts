import { describe, expect, it } from 'vitest';
import { errorMessage, fieldErrors, formAlert } from './errors';

const apiError = (status: number, data: unknown) => ({ status, data });

describe('API errors in forms', () => {
  it('shows the readable detail of a domain error, never its code as a field', () => {
    const error = apiError(400, { detail: 'These hours overlap Monday 09:00–12:00.', code: 'WorkingHoursOverlap' });
    expect(fieldErrors(error)).toEqual({});
    expect(formAlert(error, ['weekday', 'start_time', 'end_time'])).toBe('These hours overlap Monday 09:00–12:00.');
    expect(errorMessage(error)).toBe('These hours overlap Monday 09:00–12:00.');
  });

  it('leaves field errors at their fields and says nothing above them', () => {
    const error = apiError(400, { end_time: ['End must be after start.'] });
    expect(fieldErrors(error)).toEqual({ end_time: ['End must be after start.'] });
    expect(formAlert(error, ['start_time', 'end_time'])).toBeNull();
  });

  it('names a field the form does not show, beside the general message', () => {
    const error = apiError(400, { non_field_errors: ['Check the dates.'], doctor: ['Not your profile.'] });
    expect(formAlert(error, ['start_date'])).toBe('Check the dates. Doctor: Not your profile.');
  });

  it('falls back to a message by status', () => {
    expect(formAlert(apiError(500, '<html>'), [])).toBe('The server had a problem. Please try again.');
    expect(formAlert(null, [])).toBeNull();
  });
});
