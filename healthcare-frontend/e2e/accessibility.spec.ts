import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  DOCTOR_PASSWORD,
  DOCTOR_USER,
  findDoctor,
  registerPatient,
  settle,
  signInWithToken,
} from './support';

async function expectNoSeriousViolations(page: Page, path: string) {
  await page.goto(path);
  await settle(page);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious, `axe on ${path}`).toEqual([]);
}

test.describe('accessibility (axe: no serious or critical violations)', () => {
  test('public pages', async ({ page, request }) => {
    const doctor = await findDoctor(request);
    for (const path of ['/', '/doctors', `/doctors/${doctor.id}`, '/login', '/register']) {
      await expectNoSeriousViolations(page, path);
    }
  });

  test('patient pages', async ({ page, request }) => {
    const patient = await registerPatient(request, 'axe');
    await signInWithToken(page, request, patient.username, patient.password);
    for (const path of ['/appointments', '/appointments?tab=past', '/records', '/profile', '/security']) {
      await expectNoSeriousViolations(page, path);
    }
  });

  test('doctor pages', async ({ page, request }) => {
    await signInWithToken(page, request, DOCTOR_USER, DOCTOR_PASSWORD);
    for (const path of ['/doctor', '/doctor/availability']) {
      await expectNoSeriousViolations(page, path);
    }
  });

  test('admin pages', async ({ page, request }) => {
    await signInWithToken(page, request, ADMIN_USER, ADMIN_PASSWORD);
    for (const path of ['/admin-area', '/admin-area/reports', '/admin-area/settings']) {
      await expectNoSeriousViolations(page, path);
    }
  });
});
