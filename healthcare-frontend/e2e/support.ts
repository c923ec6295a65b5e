import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

// Helpers shared by the journeys: accounts and data are made through the real API, the journeys
// themselves go through the UI.

export const DOCTOR_USER = process.env.E2E_DOCTOR_USER ?? 'dr.smith';
export const DOCTOR_PASSWORD = process.env.E2E_DOCTOR_PASSWORD ?? 'Demo12345!';
export const ADMIN_USER = process.env.E2E_ADMIN_USER ?? 'admin';
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'Admin12345!';
export const PATIENT_PASSWORD = 'Journey-Pass-2027!';
const REFRESH_STORAGE_KEY = 'hc.refresh';

export interface Tokens {
  access: string;
  refresh: string;
}

export interface Doctor {
  id: number;
  user: { username: string };
  full_name: string;
  specialization: string;
  timezone: string;
}

export interface NewPatient {
  username: string;
  password: string;
  email: string;
  firstName: string;
  lastName: string;
  patientId: number;
}

/** A string unique to this run, for usernames and names that must not collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function apiToken(request: APIRequestContext, username: string, password: string): Promise<Tokens> {
  const response = await request.post('/api/token/', { data: { username, password } });
  expect(response.status(), `login as ${username}`).toBe(200);
  return (await response.json()) as Tokens;
}

export async function registerPatient(request: APIRequestContext, prefix = 'e2e'): Promise<NewPatient> {
  const suffix = uniqueSuffix();
  const patient = {
    username: `${prefix}_${suffix}`,
    email: `${prefix}_${suffix}@example.com`,
    password: PATIENT_PASSWORD,
    first_name: 'Jamie',
    last_name: `Tester${suffix}`,
    phone: '+4915123456789',
  };
  const response = await request.post('/api/registrations/', { data: patient });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { patient_id: number };
  return {
    username: patient.username,
    password: patient.password,
    email: patient.email,
    firstName: patient.first_name,
    lastName: patient.last_name,
    patientId: body.patient_id,
  };
}

export async function findDoctor(request: APIRequestContext, username = DOCTOR_USER): Promise<Doctor> {
  const response = await request.get('/api/doctors/', { params: { page_size: 100 } });
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as { results: Doctor[] };
  const doctor = results.find((d) => d.user.username === username);
  expect(doctor, `doctor ${username} in the seed data`).toBeTruthy();
  return doctor!;
}

/** Free slots of a doctor from `fromDays` to `toDays` days ahead. */
export async function freeSlots(request: APIRequestContext, doctorId: number, fromDays: number, toDays: number) {
  const day = 24 * 3_600_000;
  const response = await request.get(`/api/doctors/${doctorId}/slots/`, {
    params: { start: isoDate(new Date(Date.now() + fromDays * day)), end: isoDate(new Date(Date.now() + toDays * day)) },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as { start: string; end: string }[];
}

export async function bookViaApi(request: APIRequestContext, access: string, doctorId: number, start: string) {
  const response = await request.post('/api/book-appointment/', {
    data: { doctor: doctorId, appointment_time: start, reason: 'Follow-up (e2e)' },
    headers: { Authorization: `Bearer ${access}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: number; status: string; appointment_time: string };
}

/** Logs in through the login form. */
export async function logIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(username);
  // By accessible name: a label's text also holds the required field's "*", and "Show password"
  // would match a loose "Password".
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Starts the page already signed in: the refresh token goes where the app keeps it, and the app
 * trades it for an access token on its first request. Set only once, since the app rotates it.
 */
export async function signInWithToken(page: Page, request: APIRequestContext, username: string, password: string) {
  const { refresh } = await apiToken(request, username, password);
  await page.addInitScript(
    ([key, value]) => {
      if (!window.sessionStorage.getItem(key)) window.sessionStorage.setItem(key, value);
    },
    [REFRESH_STORAGE_KEY, refresh] as const,
  );
}

/** Waits until a page has its heading and nothing is loading any more. */
export async function settle(page: Page) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('status').filter({ hasText: /^Loading|Signing you in/ })).toHaveCount(0);
}

/** Selects an option of an MUI select (a combobox with a listbox). */
export async function chooseOption(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** The time of a day-strip button's text such as "Mon 1 Mar 5 free" (this year, or next in early months). */
function stripDay(label: string): number {
  const dayMonth = label.trim().split(/\s+/).slice(1, 3).join(' ');
  const now = new Date();
  const thisYear = Date.parse(`${dayMonth} ${now.getFullYear()}`);
  return thisYear < now.getTime() - 60 * 86_400_000 ? Date.parse(`${dayMonth} ${now.getFullYear() + 1}`) : thisYear;
}

/**
 * Picks the first free, choosable slot in a slot picker on a day at least `skipWeeks` weeks ahead
 * (to stay clear of the cancellation cutoff), looking through up to `maxPages` two-week pages.
 */
export async function pickSlot(scope: Page | Locator, skipWeeks = 0, maxPages = 5) {
  const picker = scope.getByRole('region', { name: 'Available times' });
  const strip = picker.getByRole('group', { name: 'Days with free times' });
  const earliest = new Date().setHours(0, 0, 0, 0) + skipWeeks * 7 * 86_400_000;
  for (let page = 0; page < maxPages; page += 1) {
    await expect(strip.or(picker.getByText(/No free times between/))).toBeVisible();
    await expect(picker.locator('[aria-busy="true"]')).toHaveCount(0);
    const days = (await strip.isVisible()) ? await strip.getByRole('button').all() : [];
    for (const day of days) {
      if (stripDay(await day.innerText()) < earliest) continue;
      await day.click();
      // The chosen day's times: the picker's second group, after the strip.
      const times = picker.getByRole('group').nth(1);
      const slots = times.locator('button[aria-pressed="false"]:not([disabled])');
      if ((await slots.count()) > 0) {
        const slot = slots.first();
        const label = (await slot.getAttribute('aria-label')) ?? '';
        await slot.click();
        return label;
      }
    }
    await picker.getByRole('button', { name: 'Later dates' }).click();
  }
  throw new Error('No free slot found');
}

/**
 * A visit today (06:00 onwards on the doctor's clock, before the bookable hours) inserted straight
 * into the database the way test factories do, since booking refuses times that close. Runs
 * `manage.py shell` against the database .ci/e2e serves (DATABASE_URL is in the environment).
 */
export function insertVisitToday(doctorUsername: string, patientUsername: string, status = 'pending'): number {
  const code = `
from datetime import datetime, time, timedelta
from django.utils import timezone
from appointments.models import ACTIVE_STATUSES, Appointment
from doctors.models import Doctor
from patients.models import Patient
doctor = Doctor.objects.get(user__username=${JSON.stringify(doctorUsername)})
patient = Patient.objects.get(user__username=${JSON.stringify(patientUsername)})
day = timezone.now().astimezone(doctor.tzinfo).date()
start = datetime.combine(day, time(6, 0), tzinfo=doctor.tzinfo)
busy = Appointment.objects.filter(doctor=doctor, status__in=ACTIVE_STATUSES)
while busy.filter(start__lt=start + timedelta(minutes=15), end__gt=start).exists():
    start += timedelta(minutes=15)
visit = Appointment.objects.create(doctor=doctor, patient=patient, start=start, end=start + timedelta(minutes=15),
                                   status=${JSON.stringify(status)}, reason="Journey visit today")
print(visit.pk)
`;
  const root = resolve(process.cwd(), '..');
  const out = execFileSync(join(root, '.venv/bin/python'), ['manage.py', 'shell', '-c', code], { cwd: root, encoding: 'utf8' });
  return Number(out.trim().split('\n').pop());
}
