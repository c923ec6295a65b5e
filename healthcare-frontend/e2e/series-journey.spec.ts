import { expect, test } from '@playwright/test';
import { apiToken, bookViaApi, DOCTOR_PASSWORD, DOCTOR_USER, findDoctor, freeSlots, logIn, registerPatient } from './support';

test('a doctor previews a weekly series with its conflicts, books it skipping them, and cancels the rest', async ({ page, request }) => {
  const doctor = await findDoctor(request);
  // A new patient of the doctor (one visit booked, so the doctor may see them).
  const patient = await registerPatient(request, 'series');
  const { access } = await apiToken(request, patient.username, patient.password);
  const [first] = await freeSlots(request, doctor.id, 15, 21);
  expect(first, 'a free slot in three weeks').toBeTruthy();
  const [visit] = await freeSlots(request, doctor.id, 3, 8);
  await bookViaApi(request, access, doctor.id, visit.start);
  // Someone else takes the series' second date, so the preview has a conflict to show.
  const other = await registerPatient(request, 'other');
  const otherToken = await apiToken(request, other.username, other.password);
  const secondStart = new Date(new Date(first.start).getTime() + 7 * 86_400_000);
  const secondDay = secondStart.toISOString().slice(0, 10);
  const sameTime = (await freeSlots(request, doctor.id, 22, 28)).find(
    (s) => s.start.slice(0, 10) === secondDay && s.start.slice(11, 16) === first.start.slice(11, 16),
  );
  if (sameTime) await bookViaApi(request, otherToken.access, doctor.id, sameTime.start);

  await logIn(page, DOCTOR_USER, DOCTOR_PASSWORD);
  await page.goto(`/doctor/patients/${patient.patientId}`);
  const form = page.getByRole('form', { name: 'Book a series' });
  await form.getByLabel('First visit').fill(first.start.slice(0, 10));
  await form.getByLabel('Time').fill(first.start.slice(11, 16));
  await form.getByLabel('Number of visits').fill('3');
  await form.getByLabel('Reason (optional)').fill('Physiotherapy');
  await form.getByRole('button', { name: 'Preview dates' }).click();

  const planned = form.getByRole('list', { name: 'Planned dates' });
  await expect(planned.getByRole('listitem')).toHaveCount(3);
  if (sameTime) {
    await expect(planned.getByText(/Not free/)).toHaveCount(1);
    await expect(form.getByRole('button', { name: /Book \d visits/ })).toBeDisabled();
    await form.getByLabel(/Skip dates that are not free/).check();
    await form.getByRole('button', { name: 'Preview dates' }).click();
  }
  const count = sameTime ? 2 : 3;
  await form.getByRole('button', { name: `Book ${count} visits` }).click();
  await expect(page.getByText(new RegExp(`Booked ${count} visits`))).toBeVisible();

  const series = page.getByRole('region', { name: /^Series \d+$/ }).first();
  await expect(series.getByText(/every 7 days/)).toBeVisible();
  await series.getByRole('button', { name: 'Cancel the rest of the series' }).click();
  await series.getByRole('button', { name: 'Yes, cancel them' }).click();
  await expect(series.getByText('Cancelled', { exact: true })).toHaveCount(count);
});
