// Every API payload the SPA reads or sends, hand-written from shared/API.md. Keep them here, in one
// place, so that a contract change is one edit and the compiler finds every use.

export type Role = 'patient' | 'doctor' | 'admin' | 'front_desk';

/** ISO 8601 datetime with an offset, e.g. `2027-03-01T09:30:00+01:00`. */
export type IsoDateTime = string;
/** Calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** Time of day `HH:MM`. */
export type TimeOfDay = string;
/** Decimal rendered as a string by DRF, e.g. `"120.00"`. */
export type DecimalString = string;

export interface Paginated<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** DRF error body: `{detail}` or `{field: [messages]}` (including `non_field_errors`). */
export type ApiErrorBody = { detail?: string } & Record<string, unknown>;

// ---------- Accounts ----------

export interface TokenPair {
  access: string;
  refresh: string;
}

export interface Credentials {
  username: string;
  password: string;
  /** The authenticator (or a recovery) code, for accounts with two-factor authentication on. */
  otp?: string;
}

export interface MfaStatus {
  enabled: boolean;
  /** On for this account, or required of staff by the clinic. */
  required: boolean;
  recovery_codes_left: number;
}

export interface MfaSetup {
  secret: string;
  otpauth_uri: string;
  /** The otpauth URI as an SVG QR code. */
  qr_svg: string;
}

export interface MfaConfirmed extends TokenPair {
  recovery_codes: string[];
}

export interface RegistrationRequest {
  username: string;
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  phone: string;
  insurance_number?: string;
  date_of_birth?: IsoDate;
}

export interface RegistrationResponse {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  role: 'patient';
  patient_id: number;
}

export interface NestedUser {
  id: number;
  username: string;
  first_name: string;
  last_name: string;
  email?: string;
}

export interface Patient {
  id: number;
  user: NestedUser;
  phone: string;
  insurance_number: string | null;
  date_of_birth: IsoDate | null;
  created_at: IsoDateTime;
  /** Notification preferences (part of the patient profile in /api/me/). */
  notify_email?: boolean;
  notify_sms?: boolean;
  /** The language of emails and SMS ("en", "de"). */
  language?: string;
}

export interface Me {
  id: number;
  username: string;
  email: string;
  /** False until the owner follows the link mailed after registration or an email change. */
  email_verified: boolean;
  first_name: string;
  last_name: string;
  role: Role;
  patient: Patient | null;
  doctor: Doctor | null;
}

export interface MeUpdate {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  notify_email?: boolean;
  notify_sms?: boolean;
  language?: string;
}

export interface AdminUser {
  id: number;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  is_active: boolean;
  date_joined?: IsoDateTime;
  last_login?: IsoDateTime | null;
}

export interface UserFilters {
  search?: string;
  role?: Role | '';
  is_active?: 'true' | 'false' | '';
  page?: number;
}

// ---------- Doctors and availability ----------

export interface Specialty {
  id: number;
  name: string;
}

export interface Doctor {
  id: number;
  user: NestedUser;
  full_name: string;
  specialization: string;
  clinic_name: string;
  city: string;
  address: string;
  bio: string;
  consultation_fee: DecimalString;
  slot_minutes: number;
  timezone: string;
  next_available: IsoDateTime | null;
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

export interface Slot {
  start: IsoDateTime;
  end: IsoDateTime;
}

/** A kind of visit a doctor offers: its own length, set-up time after it, and fee. */
export interface VisitType {
  id: number;
  doctor: number;
  name: string;
  duration_minutes: number;
  buffer_minutes: number;
  fee: DecimalString;
  active: boolean;
}

export type VisitTypeInput = Omit<VisitType, 'id' | 'doctor'> & { doctor?: number };

export interface WorkingHours {
  id: number;
  doctor: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  start_time: TimeOfDay;
  end_time: TimeOfDay;
}

export type WorkingHoursInput = Omit<WorkingHours, 'id' | 'doctor'> & { doctor?: number };

export interface LeaveDay {
  id: number;
  doctor: number;
  start_date: IsoDate;
  end_date: IsoDate;
  reason: string;
  /** Present in the response to a create: booked appointments inside the leave. */
  conflicting_appointments?: number[];
}

export type LeaveDayInput = Omit<LeaveDay, 'id' | 'doctor' | 'conflicting_appointments'> & {
  doctor?: number;
};

// ---------- Appointments ----------

export type AppointmentStatus = 'pending' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';

export interface Appointment {
  id: number;
  patient: number;
  patient_name: string;
  doctor: number;
  doctor_name: string;
  /** The doctor's IANA zone: the visit's clock. */
  doctor_timezone?: string;
  specialization?: string;
  appointment_time: IsoDateTime;
  end_time: IsoDateTime;
  status: AppointmentStatus;
  reason: string;
  /** The visit type booked (id), or null for a plain slot. */
  visit_type?: number | null;
  visit_type_name?: string | null;
  /** The consultation fee as booked (decimal string); null on visits from before fees were kept. */
  fee?: string | null;
  /** When the patient arrived (checked in at the front desk), or null. */
  checked_in_at?: IsoDateTime | null;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  cancelled_at: IsoDateTime | null;
  cancellation_reason: string;
  /** The recurring series this visit belongs to, or null. */
  series?: number | null;
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

export interface BookingRequest {
  doctor: number;
  appointment_time: IsoDateTime;
  reason?: string;
  visit_type?: number;
  /** The front desk and admins book for a patient. */
  patient?: number;
}

export type AppointmentAction = 'confirm' | 'complete' | 'no-show' | 'check-in';

// ---------- Patients and medical records ----------

export interface MedicalRecord {
  id: number;
  patient: number;
  appointment: number;
  doctor: number;
  notes: string;
  diagnosis: string;
  prescription: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface MedicalRecordInput {
  appointment: number;
  notes: string;
  diagnosis: string;
  prescription: string;
}

/** A visit with another doctor as a doctor sees it in a patient's history: date, doctor, specialty only. */
export interface OtherDoctorVisit {
  id: number;
  doctor: number;
  doctor_name: string;
  doctor_timezone: string;
  specialization: string;
  appointment_time: IsoDateTime;
  end_time: IsoDateTime;
}

export function isFullVisit(visit: Appointment | OtherDoctorVisit): visit is Appointment {
  return 'status' in visit;
}

export interface PatientHistory {
  patient: Patient;
  appointments: (Appointment | OtherDoctorVisit)[];
  medical_records: MedicalRecord[];
}

// ---------- Reports and settings ----------

export type ReportGroupBy = 'day' | 'doctor' | 'specialty' | 'status';

export interface ReportQuery {
  date_from?: IsoDate;
  date_to?: IsoDate;
  group_by: ReportGroupBy;
}

export interface AppointmentsReportRow {
  key: string | number;
  label: string;
  count: number;
}

export interface AppointmentsReport {
  group_by: ReportGroupBy;
  date_from: IsoDate;
  date_to: IsoDate;
  total: number;
  results: AppointmentsReportRow[];
}

export interface RevenueReportRow extends AppointmentsReportRow {
  revenue: DecimalString;
}

export interface RevenueReport {
  group_by: Exclude<ReportGroupBy, 'status'>;
  date_from: IsoDate;
  date_to: IsoDate;
  total: number;
  total_revenue: DecimalString;
  results: RevenueReportRow[];
}

export interface ReminderLead {
  channel: 'email' | 'sms';
  hours_before: number;
}

export interface ClinicSettings {
  clinic_name: string;
  /** ISO 4217 code of fees and revenue, e.g. "EUR". */
  currency: string;
  auto_confirm: boolean;
  reminder_hours_before: number;
  /** Reminders per channel and lead time; empty: one per channel at reminder_hours_before. */
  reminder_schedule: ReminderLead[];
  booking_window_days: number;
  min_notice_hours: number;
  cancellation_cutoff_hours: number;
  default_slot_minutes: number;
  /** Admins, front desk and doctors must log in with a two-factor code. */
  staff_mfa_required: boolean;
  /** How long a freed slot offered to a waiting patient is held for them. */
  waitlist_hold_minutes: number;
}

// ---------- Waitlist ----------

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'expired' | 'cancelled';

export interface WaitlistOffer {
  appointment_time: IsoDateTime;
  end_time: IsoDateTime;
  expires_at: IsoDateTime;
}

export interface WaitlistEntry {
  id: number;
  patient: number;
  patient_name: string;
  doctor: number;
  doctor_name: string;
  doctor_timezone: string;
  date_from: IsoDate;
  date_to: IsoDate;
  time_from: TimeOfDay | null;
  time_to: TimeOfDay | null;
  /** The kind of visit waited for (only a freed time its length and buffer fit is offered); null: a plain slot. */
  visit_type: number | null;
  visit_type_name: string | null;
  status: WaitlistStatus;
  offer: WaitlistOffer | null;
  created_at: IsoDateTime;
}

export interface WaitlistJoinRequest {
  doctor: number;
  date_from: IsoDate;
  date_to: IsoDate;
  time_from?: TimeOfDay;
  time_to?: TimeOfDay;
  visit_type?: number;
  /** The front desk and admins: the patient who waits. */
  patient?: number;
}

// ---------- Recurring series ----------

export interface SeriesRequest {
  patient: number;
  doctor?: number;
  first_appointment_time: IsoDateTime;
  interval_days: number;
  count: number;
  reason?: string;
  on_conflict: 'fail' | 'skip';
  /** Each visit of this type (its length, buffer and fee); omitted: plain slots. */
  visit_type?: number;
}

export interface SeriesConflict {
  appointment_time: IsoDateTime;
  reason: string;
  code: string;
}

export interface SeriesPlan {
  id: null;
  patient: number;
  doctor: number;
  interval_days: number;
  appointments: { appointment_time: IsoDateTime; end_time: IsoDateTime }[];
  skipped: SeriesConflict[];
  occurrences: {
    appointment_time: IsoDateTime;
    end_time: IsoDateTime | null;
    conflict: { reason: string; code: string } | null;
  }[];
}

export interface AppointmentSeries {
  id: number;
  patient: number;
  patient_name: string;
  doctor: number;
  doctor_name: string;
  interval_days: number;
  reason: string;
  appointments: Appointment[];
  skipped: SeriesConflict[];
  created_at: IsoDateTime;
}
