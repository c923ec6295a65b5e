import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type APIRequestContext, type Page } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  apiToken,
  bookViaApi,
  DOCTOR_PASSWORD,
  DOCTOR_USER,
  findDoctor,
  freeSlots,
  registerPatient,
  settle,
  signInWithToken,
} from './support';

// Screenshots of the main pages for human review: `SCREENSHOTS=1 npx playwright test`.
// Saved to healthcare-frontend/screenshots/ (gitignored).
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'phone', width: 375, height: 780 },
];

async function shoot(page: Page, name: string, url: string) {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(url);
    await settle(page);
    await page.screenshot({ path: path.join(OUT, `${name}-${size.name}.png`), fullPage: true });
  }
}

async function signedIn(page: Page, request: APIRequestContext, username: string, password: string) {
  await signInWithToken(page, request, username, password);
}

test.describe('@screens', () => {
  test.beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
  });

  test('public pages @screens', async ({ page, request }) => {
    const doctor = await findDoctor(request);
    await shoot(page, '01-home', '/');
    await shoot(page, '02-doctors', '/doctors');
    await shoot(page, '03-doctor', `/doctors/${doctor.id}`);
    await shoot(page, '04-login', '/login');
    await shoot(page, '05-register', '/register');
  });

  test('patient pages @screens', async ({ page, request }) => {
    const doctor = await findDoctor(request);
    const patient = await registerPatient(request, 'shots');
    const { access } = await apiToken(request, patient.username, patient.password);
    const slots = await freeSlots(request, doctor.id, 3, 20);
    if (slots.length) await bookViaApi(request, access, doctor.id, slots[0].start);
    await signedIn(page, request, patient.username, patient.password);
    await shoot(page, '10-my-appointments', '/appointments');
    await shoot(page, '11-records', '/records');
    await shoot(page, '12-profile', '/profile');
  });

  test('doctor pages @screens', async ({ page, request }) => {
    await signedIn(page, request, DOCTOR_USER, DOCTOR_PASSWORD);
    await shoot(page, '20-doctor-dashboard', '/doctor');
    await shoot(page, '21-availability', '/doctor/availability');
  });

  test('admin pages @screens', async ({ page, request }) => {
    await signedIn(page, request, ADMIN_USER, ADMIN_PASSWORD);
    await shoot(page, '30-users', '/admin-area');
    await shoot(page, '31-reports', '/admin-area/reports');
    await shoot(page, '32-settings', '/admin-area/settings');
  });
});
