import type {
  AdminUser,
  Appointment,
  ClinicSettings,
  Doctor,
  Me,
  MedicalRecord,
  Patient,
  PatientProfile,
  Slot,
  VisitType,
  WaitlistEntry,
} from '../lib/types';

// Data builders: a valid object of each payload, overridable field by field.

let nextId = 1000;
const id = () => (nextId += 1);

export function buildSettings(overrides: Partial<ClinicSettings> = {}): ClinicSettings {
  return {
    clinic_name: 'Riverside Clinic',
    currency: 'EUR',
    auto_confirm: false,
    reminder_hours_before: 24,
    reminder_schedule: [],
    booking_window_days: 60,
    min_notice_hours: 2,
    cancellation_cutoff_hours: 24,
    default_slot_minutes: 30,
    staff_mfa_required: false,
    waitlist_hold_minutes: 30,
    ...overrides,
  };
}

export function buildDoctor(overrides: Partial<Doctor> = {}): Doctor {
  const doctorId = overrides.id ?? id();
  return {
    id: doctorId,
    user: { id: doctorId + 5000, username: `doctor${doctorId}`, first_name: 'Anna', last_name: 'Smith' },
    full_name: 'Dr. Anna Smith',
    specialization: 'Cardiology',
    clinic_name: 'Heart Center',
    city: 'Berlin',
    address: 'Hauptstr. 1',
    bio: 'Cardiologist with 15 years of experience.',
    consultation_fee: '120.00',
    slot_minutes: 30,
    timezone: 'Europe/Berlin',
    is_active: true,
    next_available: '2027-03-01T09:00:00+01:00',
    ...overrides,
  };
}

export function buildPatient(overrides: Partial<Patient> = {}): Patient {
  const patientId = overrides.id ?? id();
  return {
    id: patientId,
    user: { id: patientId + 7000, username: `patient${patientId}`, email: 'pat@example.com', first_name: 'Pat', last_name: 'Jones' },
    phone: '+14155550123',
    insurance_number: '',
    date_of_birth: null,
    created_at: '2027-01-01T10:00:00Z',
    is_active: true,
    ...overrides,
  };
}

/** The caller's own patient profile, as /api/me/ shows it. */
export function buildPatientProfile(overrides: Partial<PatientProfile> = {}): PatientProfile {
  return {
    id: id(),
    phone: '+14155550123',
    insurance_number: '',
    date_of_birth: null,
    notify_email: true,
    notify_sms: false,
    language: 'en',
    created_at: '2027-01-01T10:00:00Z',
    ...overrides,
  };
}

export function buildMe(role: Me['role'] = 'patient', overrides: Partial<Me> = {}): Me {
  return {
    id: id(),
    username: `${role}-user`,
    email: `${role}@example.com`,
    email_verified: true,
    first_name: 'Alex',
    last_name: 'Doe',
    role,
    patient: role === 'patient' ? buildPatientProfile() : null,
    doctor: role === 'doctor' ? buildDoctor() : null,
    ...overrides,
  };
}

export function buildAppointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: id(),
    patient: 1,
    patient_name: 'Pat Jones',
    doctor: 1,
    doctor_name: 'Dr. Anna Smith',
    doctor_timezone: 'Europe/Berlin',
    specialization: 'Cardiology',
    appointment_time: '2027-03-01T09:00:00+01:00',
    end_time: '2027-03-01T09:30:00+01:00',
    visit_type: null,
    visit_type_name: null,
    buffer_minutes: 0,
    status: 'confirmed',
    reason: '',
    fee: '120.00',
    checked_in_at: null,
    created_at: '2027-02-01T10:00:00Z',
    updated_at: '2027-02-01T10:00:00Z',
    cancelled_at: null,
    cancellation_reason: '',
    series: null,
    patient_confirmed_at: null,
    ...overrides,
  };
}

export function buildRecord(overrides: Partial<MedicalRecord> = {}): MedicalRecord {
  return {
    id: id(),
    patient: 1,
    patient_name: 'Pat Jones',
    appointment: 1,
    doctor: 1,
    doctor_name: 'Dr. Anna Smith',
    notes: 'Feeling better.',
    diagnosis: 'Mild hypertension',
    prescription: 'Rest',
    created_at: '2027-03-01T10:00:00Z',
    updated_at: '2027-03-01T10:00:00Z',
    ...overrides,
  };
}

export function buildWaitlistEntry(overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return {
    id: id(),
    patient: 3,
    patient_name: 'Ann Lee',
    doctor: 1,
    doctor_name: 'Dr. Maria Schmidt',
    doctor_timezone: 'Europe/Berlin',
    date_from: '2027-03-01',
    date_to: '2027-03-05',
    time_from: '09:00',
    time_to: null,
    visit_type: null,
    visit_type_name: null,
    status: 'waiting',
    offer: null,
    created_at: '2027-02-20T10:00:00+01:00',
    ...overrides,
  };
}

export function buildVisitType(overrides: Partial<VisitType> = {}): VisitType {
  return {
    id: id(),
    doctor: 1,
    name: 'First consultation',
    duration_minutes: 45,
    buffer_minutes: 15,
    fee: '120.00',
    active: true,
    ...overrides,
  };
}

export function buildUser(overrides: Partial<AdminUser> = {}): AdminUser {
  const userId = overrides.id ?? id();
  return {
    id: userId,
    username: `user${userId}`,
    email: `user${userId}@example.com`,
    first_name: 'Alex',
    last_name: 'Doe',
    role: 'patient',
    is_active: true,
    is_staff: false,
    date_joined: '2027-01-01T10:00:00Z',
    last_login: null,
    patient_id: null,
    doctor_id: null,
    ...overrides,
  };
}

export function slot(start: string, end: string): Slot {
  return { start, end };
}

export function paginated<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}
