import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  apiToken,
  bookViaApi,
  DOCTOR_PASSWORD,
  DOCTOR_USER,
  findDoctor,
  freeSlots,
  pickSlot,
  registerPatient,
  settle,
  signInWithToken,
} from './support';

// Screenshots of the main pages for human review: `SCREENSHOTS=1 npx playwright test` (or
// `SCREENSHOTS=1 bash .ci/e2e`). Saved to SCREENSHOT_DIR, by default healthcare-frontend/screenshots/
// (gitignored), as <name>-desktop.png (1366 wide) and <name>-phone.png (390 wide), full page: the sizes issue 12
// was tried at.
const OUT =
  process.env.SCREENSHOT_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const SIZES = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Size = (typeof SIZES)[number];

async function save(page: Page, name: string, size: Size, fullPage = true) {
  // No hover tooltips, and every transition (dialogs fade and slide in) finished.
  await page.mouse.move(0, 0);
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
  await page.screenshot({ path: path.join(OUT, `${name}-${size.name}.png`), fullPage });
}

/** Opens `url` at each size and saves a full-page shot; `then` can go on to open a dialog and shoot it. */
async function shoot(page: Page, name: string, url: string, then?: (size: Size) => Promise<void>) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(url);
    await settle(page);
    // Nothing may stick out sideways: a horizontal scrollbar on a phone is a layout bug.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect.soft(overflow, `${name} at ${size.width}px: page wider than the viewport`).toBeLessThanOrEqual(0);
    await save(page, name, size);
    if (then) await then(size);
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
    await shoot(page, '03-doctor-week', `/doctors/${doctor.id}`);
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
    await shoot(page, '06-doctor-week-signed-in', `/doctors/${doctor.id}`, async (size) => {
      await pickSlot(page, 1);
      const dialog = page.getByRole('dialog', { name: 'Book this appointment' });
      await expect(dialog).toBeVisible();
      await save(page, '07-booking-dialog', size, false);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });
    await shoot(page, '10-my-appointments', '/appointments');
    await shoot(page, '11-past-appointments', '/appointments?tab=past');
    await shoot(page, '12-records', '/records');
    await shoot(page, '13-profile', '/profile');
  });

  test('doctor pages @screens', async ({ page, request }) => {
    // A patient with a visit this week, so the dashboard and the patient page have something to show.
    const doctor = await findDoctor(request);
    const patient = await registerPatient(request, 'chart');
    const { access } = await apiToken(request, patient.username, patient.password);
    const slots = await freeSlots(request, doctor.id, 0, 6);
    expect(slots.length, 'a free slot with the doctor this week').toBeGreaterThan(0);
    const visit = await bookViaApi(request, access, doctor.id, slots[slots.length - 1].start);
    await signedIn(page, request, DOCTOR_USER, DOCTOR_PASSWORD);
    await shoot(page, '20-doctor-dashboard', '/doctor');
    await shoot(page, '21-availability', '/doctor/availability');
    // The history lists visits that have begun; a planned one shows (with "Add record") only when the
    // page is opened for it, as the dashboard's link does.
    await shoot(page, '22-doctor-patient', `/doctor/patients/${patient.patientId}?appointment=${visit.id}`, async (size) => {
      await page.getByRole('button', { name: 'Add record' }).click();
      const dialog = page.getByRole('dialog', { name: 'New medical record' });
      await expect(dialog).toBeVisible();
      await save(page, '23-record-dialog', size, false);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });
  });

  test('admin pages @screens', async ({ page, request }) => {
    await signedIn(page, request, ADMIN_USER, ADMIN_PASSWORD);
    await shoot(page, '30-users', '/admin-area');
    await shoot(page, '31-reports', '/admin-area/reports');
    await shoot(page, '32-settings', '/admin-area/settings');
  });
});
