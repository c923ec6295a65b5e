import { expect, test } from '@playwright/test';
import {
  apiToken,
  bookViaApi,
  DOCTOR_PASSWORD,
  DOCTOR_USER,
  findDoctor,
  freeSlots,
  logIn,
  registerPatient,
} from './support';

test('a doctor confirms and completes a visit and writes a record the patient then sees', async ({ browser, page, request }) => {
  // A new patient books with the doctor through the API, inside the dashboard's week.
  const doctor = await findDoctor(request);
  const patient = await registerPatient(request, 'visit');
  const { access } = await apiToken(request, patient.username, patient.password);
  const slots = await freeSlots(request, doctor.id, 0, 6);
  expect(slots.length, 'a free slot this week').toBeGreaterThan(0);
  const appointment = await bookViaApi(request, access, doctor.id, slots[slots.length - 1].start);
  const patientName = `${patient.firstName} ${patient.lastName}`;

  // The doctor confirms and completes it from the dashboard.
  await logIn(page, DOCTOR_USER, DOCTOR_PASSWORD);
  await expect(page).toHaveURL(/\/doctor$/);
  const row = page.getByRole('listitem').filter({ hasText: patientName }).first();
  await expect(row).toBeVisible();
  if (appointment.status === 'pending') {
    await row.getByRole('button', { name: 'Confirm' }).click();
    await expect(row.getByText('Confirmed', { exact: true })).toBeVisible();
  }
  await row.getByRole('button', { name: 'Complete' }).click();
  await expect(row.getByText('Completed', { exact: true })).toBeVisible();

  // …and writes a medical record from the patient's history.
  await row.getByRole('link', { name: `History and records for ${patientName}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: patientName })).toBeVisible();
  await page.getByRole('button', { name: 'Add record' }).click();
  const dialog = page.getByRole('dialog', { name: 'New medical record' });
  const diagnosis = `Seasonal allergy ${patient.lastName}`;
  await dialog.getByLabel('Diagnosis').fill(diagnosis);
  await dialog.getByLabel('Clinical notes').fill('Sneezing for two weeks; no fever.');
  await dialog.getByLabel('Prescription').fill('Cetirizine 10 mg once daily');
  await dialog.getByRole('button', { name: 'Save record' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article').filter({ hasText: diagnosis })).toBeVisible();

  // The patient logs in (a separate browser session) and sees the record.
  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  await logIn(patientPage, patient.username, patient.password);
  await patientPage.getByRole('link', { name: 'History & records' }).first().click();
  const record = patientPage.getByRole('article').filter({ hasText: diagnosis });
  await expect(record).toBeVisible();
  await expect(record.getByText('Cetirizine 10 mg once daily')).toBeVisible();
  await patientContext.close();
});
