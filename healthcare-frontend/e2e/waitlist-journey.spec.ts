import { expect, test } from '@playwright/test';
import { apiToken, bookViaApi, findDoctor, freeSlots, logIn, registerPatient } from './support';

test('a patient joins the waitlist, a cancellation frees the time, and they accept the held offer in one click', async ({ page, request }) => {
  const doctor = await findDoctor(request);
  // Another patient holds a slot a few days ahead (clear of the cancellation cutoff)…
  const [slot] = await freeSlots(request, doctor.id, 4, 11);
  expect(slot, 'a free slot next week').toBeTruthy();
  const holder = await registerPatient(request, 'holder');
  const holderToken = await apiToken(request, holder.username, holder.password);
  const taken = await bookViaApi(request, holderToken.access, doctor.id, slot.start);
  const day = slot.start.slice(0, 10); // the doctor's local date (the slot is in the doctor's zone)

  // …and our patient, finding nothing that suits, asks to be told when a time frees up that day.
  const waiting = await registerPatient(request, 'waiting');
  await logIn(page, waiting.username, waiting.password);
  await page.goto(`/doctors/${doctor.id}`);
  await page.getByRole('button', { name: 'Notify me when a time frees up' }).click();
  const form = page.getByRole('form', { name: 'Join the waitlist' });
  await form.getByLabel('From').fill(day);
  await form.getByLabel('Until').fill(day);
  await form.getByRole('button', { name: 'Join the waitlist' }).click();
  await expect(page.getByText(/You're on the waitlist/)).toBeVisible();

  // The other patient cancels: the slot is held for our patient, and the offer shows on the waitlist.
  const cancelled = await request.post(`/api/appointments/${taken.id}/cancel/`, {
    data: { reason: 'Plans changed' },
    headers: { Authorization: `Bearer ${holderToken.access}` },
  });
  expect(cancelled.status()).toBe(200);
  await page.getByRole('link', { name: 'See my waitlist' }).click();
  const entry = page.getByRole('article', { name: `Waitlist entry: ${doctor.full_name}` });
  await expect(entry.getByText('Offer held for you')).toBeVisible();
  await expect(entry.getByRole('timer')).toHaveText(/Held for you for \d+:\d\d/);

  // The email's link opens the offer; one click books it.
  const { access } = await apiToken(request, waiting.username, waiting.password);
  const entries = await request.get('/api/waitlist/', { headers: { Authorization: `Bearer ${access}` } });
  const [{ id }] = (await entries.json()).results as { id: number }[];
  await page.goto(`/waitlist/${id}?accept=1`);
  await page.getByRole('button', { name: 'Accept this time' }).click();
  await expect(page.getByText('Booked!')).toBeVisible();
  await page.getByRole('link', { name: 'See the appointment' }).click();
  await expect(page.getByRole('article', { name: `Appointment with ${doctor.full_name}` })).toHaveCount(1);
});
