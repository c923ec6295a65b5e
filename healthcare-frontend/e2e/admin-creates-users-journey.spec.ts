import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, logIn, uniqueSuffix } from './support';

test('an admin adds a doctor with working hours, whom patients then find with free times, and registers a patient', async ({ page, request }) => {
  const suffix = uniqueSuffix();
  const lastName = `Franklin${suffix}`;
  await logIn(page, ADMIN_USER, ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();

  await page.getByRole('button', { name: 'Add doctor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a doctor' });
  await dialog.getByLabel(/^First name/).fill('Rosalind');
  await dialog.getByLabel(/^Last name/).fill(lastName);
  await dialog.getByLabel(/^Email/).fill(`rf_${suffix}@example.com`);
  await dialog.getByLabel(/^Username/).fill(`rf_${suffix}`);
  await dialog.getByLabel(/^Initial password/).fill('Helix-Photo-51!');
  await dialog.getByLabel(/^Specialty/).fill('Radiology');
  await dialog.getByRole('button', { name: 'Add doctor' }).click();

  const hours = page.getByRole('dialog', { name: `Working hours of Rosalind ${lastName}` });
  await expect(hours).toBeVisible();
  await hours.getByRole('button', { name: 'Add hours' }).click();
  await expect(hours.getByRole('button', { name: /Monday 09:00–17:00/ })).toBeVisible();
  await hours.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(`Added Rosalind ${lastName}.`)).toBeVisible();

  // Public: the new doctor is found and has free Monday times.
  const found = await request.get(`/api/doctors/?search=${lastName}`);
  const doctors = (await found.json()).results as { id: number }[];
  expect(doctors).toHaveLength(1);
  const nextMonday = new Date();
  nextMonday.setUTCDate(nextMonday.getUTCDate() + ((8 - nextMonday.getUTCDay()) % 7 || 7));
  const day = nextMonday.toISOString().slice(0, 10);
  const slots = await request.get(`/api/doctors/${doctors[0].id}/slots/?start=${day}&end=${day}`);
  expect(((await slots.json()) as unknown[]).length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Add patient' }).click();
  const register = page.getByRole('dialog', { name: 'Register a patient' });
  await register.getByLabel(/^First name/).fill('Ada');
  await register.getByLabel(/^Last name/).fill(`King${suffix}`);
  await register.getByLabel(/^Email/).fill(`ada_${suffix}@example.com`);
  await register.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText(new RegExp(`Registered Ada King${suffix}\\.`))).toBeVisible();
});
