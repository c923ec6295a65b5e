import { expect, test } from '@playwright/test';
import { apiToken, bookViaApi, DOCTOR_PASSWORD, DOCTOR_USER, findDoctor, freeSlots, insertVisitToday, logIn, registerPatient } from './support';

test('a doctor cannot complete a visit days ahead, and is asked before completing today’s', async ({ page, request }) => {
  const doctor = await findDoctor(request);
  const patient = await registerPatient(request, 'safe');
  const patientName = `${patient.firstName} ${patient.lastName}`;
  // One visit today, one booked two or more days ahead (in the dashboard's week when possible).
  insertVisitToday(doctor.user.username, patient.username, 'confirmed');
  const { access } = await apiToken(request, patient.username, patient.password);
  const later = (await freeSlots(request, doctor.id, 2, 6))[0];
  if (later) await bookViaApi(request, access, doctor.id, later.start);

  await logIn(page, DOCTOR_USER, DOCTOR_PASSWORD);
  const today = page.getByRole('listitem').filter({ hasText: patientName }).first();
  await expect(today).toBeVisible();
  if (later) {
    const ahead = page.getByRole('listitem').filter({ hasText: patientName }).last();
    await expect(ahead.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(ahead.getByRole('button', { name: 'Complete' })).toHaveCount(0);
    await expect(ahead.getByRole('button', { name: 'No-show' })).toHaveCount(0);
  }

  await today.getByRole('button', { name: 'Complete' }).click();
  const ask = page.getByRole('dialog', { name: 'Mark this visit as completed?' });
  await expect(ask).toContainText('cannot be undone');
  await ask.getByRole('button', { name: 'Go back' }).click();
  await expect(ask).toBeHidden();
  await expect(today.getByText('Confirmed', { exact: true })).toBeVisible();

  await today.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('dialog', { name: 'Mark this visit as completed?' }).getByRole('button', { name: 'Mark completed' }).click();
  await expect(today.getByText('Completed', { exact: true })).toBeVisible();
});
