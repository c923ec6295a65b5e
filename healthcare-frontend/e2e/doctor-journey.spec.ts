import { expect, test } from '@playwright/test';
import { DOCTOR_PASSWORD, DOCTOR_USER, findDoctor, insertVisitToday, logIn, registerPatient } from './support';

test('a doctor confirms and completes a visit and writes a record the patient then sees', async ({ browser, page, request }) => {
  // A new patient has a visit with the doctor today.
  const doctor = await findDoctor(request);
  const patient = await registerPatient(request, 'visit');
  insertVisitToday(doctor.user.username, patient.username, 'pending');
  const patientName = `${patient.firstName} ${patient.lastName}`;

  // The doctor confirms and completes it from the dashboard (completing asks first).
  await logIn(page, DOCTOR_USER, DOCTOR_PASSWORD);
  await expect(page).toHaveURL(/\/doctor$/);
  const row = page.getByRole('listitem').filter({ hasText: patientName }).first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Confirm' }).click();
  await expect(row.getByText('Confirmed', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('dialog', { name: 'Mark this visit as completed?' }).getByRole('button', { name: 'Mark completed' }).click();
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
