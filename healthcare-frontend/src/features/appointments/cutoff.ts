import { hoursUntil } from '../../lib/time';
import type { Appointment } from '../../lib/types';

/** Pending or confirmed and not started yet: the patient may still change it (cutoff aside). */
export function isChangeable(appointment: Appointment, now: Date = new Date()): boolean {
  return (
    (appointment.status === 'pending' || appointment.status === 'confirmed') &&
    new Date(appointment.appointment_time).getTime() > now.getTime()
  );
}

/** Patients can't cancel or reschedule later than `cutoffHours` before the start. */
export function isInsideCutoff(appointment: Appointment, cutoffHours: number, now: Date = new Date()): boolean {
  return hoursUntil(appointment.appointment_time, now) < cutoffHours;
}

export function cutoffDeadline(appointment: Appointment, cutoffHours: number): string {
  return new Date(new Date(appointment.appointment_time).getTime() - cutoffHours * 3_600_000).toISOString();
}
