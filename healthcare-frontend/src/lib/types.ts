// The SPA's names for the API's payloads. Every payload type is the generated one
// (./api-schema.gen.ts, written by `make types` from the API's Swagger schema), named here so
// callers import `Appointment`, not `components['schemas']['Appointment']`. When one is wrong,
// fix the serializer or its schema annotations and run `make types`: the schema is what every
// client reads. Only types the API does not describe (client state, query strings as the UI
// builds them) are written by hand, at the end.

import type { components } from './api-schema.gen';

type Schemas = components['schemas'];

/**
 * A read-write serializer as a response: DRF renders every field, so none is missing, while the
 * schema (one definition for request and response) marks optional what a request may omit.
 */
type Rendered<T> = Required<T>;

/** ISO 8601 datetime with an offset, e.g. `2027-03-01T09:30:00+01:00`. */
export type IsoDateTime = string;
/** Calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** Time of day `HH:MM`. */
export type TimeOfDay = string;
/** Decimal rendered as a string by DRF, e.g. `"120.00"`. */
export type DecimalString = string;

/** A page of a list (every list endpoint answers this shape, see `count`/`next`/`previous`/`results`). */
export interface Paginated<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** DRF error body: `{detail}` or `{field: [messages]}` (including `non_field_errors`). */
export type ApiErrorBody = { detail?: string } & Record<string, unknown>;

// ---------- Accounts ----------

export type Role = Schemas['User']['role'];
export type TokenPair = Schemas['TokenPair'];
/** The answer of the password and email-verification endpoints. */
export type Detail = Schemas['Detail'];
/** `POST /api/token/`; `otp` for accounts with two-factor authentication on. */
export type Credentials = Omit<Schemas['Login'], 'access' | 'refresh'>;
export type MfaStatus = Schemas['MfaStatus'];
export type MfaSetup = Schemas['MfaSetup'];
export type MfaConfirmed = Schemas['MfaConfirmed'];
export type RegistrationRequest = Schemas['Registration'];
export type RegistrationResponse = Schemas['RegistrationResult'];
/** The account inside a doctor or patient profile. */
export type NestedUser = Schemas['DoctorUser'] | Schemas['PatientUser'];
export type Patient = Schemas['Patient'];
/** The caller's own patient profile in /api/me/, with the notification preferences. */
export type PatientProfile = Schemas['PatientProfile'];
export type Me = Schemas['Me'];
export type MeUpdate = Schemas['MeUpdate'];
export type AdminUser = Schemas['User'];
/** `POST /api/patients/` (front desk, admin): the account and the profile in one request. */
export type NewPatient = Schemas['PatientCreate'];
/** The caller's calendar subscription: a secret URL, or none. */
export type CalendarFeed = Schemas['CalendarFeed'];
/** A link from a confirmation or reminder message: what it does and whether it still works. */
export type VisitLink = Schemas['VisitLink'];
export type VisitLinkAction = VisitLink['action'];
/** `POST /api/visit-links/{token}/`: the new time (reschedule) and why (cancel, reschedule). */
export type VisitLinkAnswer = Schemas['VisitLinkUse'];
export type ErasureRequest = Schemas['ErasureRequest'];

// ---------- Doctors and availability ----------

export type Specialty = Schemas['Specialty'];
export type Doctor = Schemas['Doctor'];
/** `POST /api/doctors/` (admin): the doctor's account and profile in one request. */
export type NewDoctor = Schemas['DoctorCreateInput'];
export type Slot = Schemas['Slot'];
/** A kind of visit a doctor offers: its own length, set-up time after it, and fee. */
export type VisitType = Rendered<Schemas['VisitType']>;
export type VisitTypeInput = Omit<Schemas['VisitType'], 'id'>;
export type WorkingHours = Rendered<Schemas['WorkingHours']>;
export type WorkingHoursInput = Omit<Schemas['WorkingHours'], 'id'>;
export type LeaveDay = Rendered<Schemas['LeaveDay']>;
export type LeaveDayInput = Omit<Schemas['LeaveDay'], 'id' | 'conflicting_appointments'>;

// ---------- Appointments ----------

export type Appointment = Schemas['Appointment'];
export type AppointmentStatus = Appointment['status'];
export type BookingRequest = Schemas['Booking'];

// ---------- Patients and medical records ----------

export type MedicalRecord = Schemas['MedicalRecord'];
export type MedicalRecordInput = Schemas['MedicalRecordCreate'];

/** A visit in a patient's history: in full, or (another doctor's, as a doctor sees it) date, doctor and specialty only. */
export type HistoryVisit = Schemas['HistoryAppointment'];
export type OtherDoctorVisit = Pick<
  HistoryVisit,
  'id' | 'doctor' | 'doctor_name' | 'doctor_timezone' | 'specialization' | 'appointment_time' | 'end_time'
>;

export function isFullVisit(visit: HistoryVisit): visit is Appointment {
  return 'status' in visit;
}

export type PatientHistory = Schemas['PatientHistory'];

// ---------- Reports and settings ----------

export type ReportGroupBy = Schemas['AppointmentReport']['group_by'];
export type AppointmentsReport = Schemas['AppointmentReport'];
export type AppointmentsReportRow = Schemas['CountRow'];
export type RevenueReport = Schemas['RevenueReport'];
export type RevenueReportRow = Schemas['RevenueRow'];
export type ReminderLead = Schemas['ReminderLead'];
export type ClinicSettings = Rendered<Schemas['ClinicSettings']>;

// ---------- Waitlist ----------

export type WaitlistEntry = Schemas['WaitlistEntry'];
export type WaitlistStatus = WaitlistEntry['status'];
export type WaitlistOffer = Schemas['Offer'];
export type WaitlistJoinRequest = Schemas['WaitlistJoin'];

// ---------- Recurring series ----------

export type SeriesRequest = Schemas['SeriesCreate'];
export type SeriesConflict = Schemas['Conflict'];
/** A dry run's answer (`?dry_run=true`): the series as it would be booked. */
export type SeriesPlan = Schemas['SeriesPlan'];
export type AppointmentSeries = Schemas['Series'];

// ---------- Client-side only: not payloads ----------
// The filters as the UI holds them ('' for "any") before they become a query string, and the
// URL segments of the appointment actions. Not described by the schema as such.

export interface UserFilters {
  search?: string;
  role?: Role | '';
  is_active?: 'true' | 'false' | '';
  page?: number;
}

export type DoctorOrdering =
  | 'name'
  | '-name'
  | 'consultation_fee'
  | '-consultation_fee'
  | 'next_available'
  | '-next_available';

export interface DoctorFilters {
  specialty?: string;
  city?: string;
  search?: string;
  available_on?: IsoDate;
  ordering?: DoctorOrdering;
  page?: number;
  page_size?: number;
}

export interface AppointmentFilters {
  status?: AppointmentStatus;
  /** upcoming: pending or confirmed and not yet over; past: the rest. */
  when?: 'upcoming' | 'past';
  doctor?: number;
  patient?: number;
  date_from?: IsoDate;
  date_to?: IsoDate;
  ordering?: string;
  page?: number;
  page_size?: number;
}

export interface ReportQuery {
  date_from?: IsoDate;
  date_to?: IsoDate;
  group_by: ReportGroupBy;
}

/** The path segment of `POST /api/appointments/{id}/<action>/`. */
export type AppointmentAction = 'confirm' | 'complete' | 'no-show' | 'check-in';
