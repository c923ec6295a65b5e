import { expect, test } from '@playwright/test';
import { findDoctor, PATIENT_PASSWORD, pickSlot, uniqueSuffix, chooseOption } from './support';

test('a new patient registers, finds a doctor, books, reschedules and cancels', async ({ page, request }) => {
  const doctor = await findDoctor(request);
  const suffix = uniqueSuffix();
  const username = `patient_${suffix}`;

  // Register (the app signs the new patient in and continues to the doctor search).
  await page.goto('/register');
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Last name').fill(`Journey${suffix}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Phone').fill('+4915123456789');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PATIENT_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/doctors$/);
  await expect(page.getByRole('button', { name: /account menu for robin/i })).toBeVisible();

  // Search by specialty and open the doctor.
  await chooseOption(page, 'Specialty', doctor.specialization);
  await expect(page).toHaveURL(/specialty=/);
  const card = page.getByRole('article', { name: doctor.full_name });
  await expect(card).toBeVisible();
  // A link (it opens the doctor's page), named for the doctor so each card's is distinct.
  await card.getByRole('link', { name: `Book an appointment with ${doctor.full_name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: doctor.full_name })).toBeVisible();

  // Book a slot a week or more ahead, clear of the cancellation cutoff.
  await pickSlot(page, 1);
  const booking = page.getByRole('dialog', { name: 'Book this appointment' });
  await booking.getByLabel(/reason for visit/i).fill('Annual check-up');
  await booking.getByRole('button', { name: 'Book appointment' }).click();
  const confirmation = page.getByRole('dialog');
  await expect(confirmation.getByRole('heading', { name: /your appointment is (booked|confirmed)/i })).toBeVisible();
  await expect(confirmation.getByRole('button', { name: 'Add to calendar' })).toBeVisible();
  await confirmation.getByRole('link', { name: 'Go to my appointments' }).click();

  // It is in My appointments.
  await expect(page).toHaveURL(/\/appointments/);
  const appointment = page.getByRole('article', { name: `Appointment with ${doctor.full_name}` });
  await expect(appointment).toHaveCount(1);
  await expect(appointment.getByText(/pending|confirmed/i).first()).toBeVisible();
  const before = await appointment.innerText();

  // Reschedule with the same slot picker.
  await appointment.getByRole('button', { name: 'Reschedule' }).click();
  const reschedule = page.getByRole('dialog', { name: 'Reschedule appointment' });
  await pickSlot(reschedule, 2);
  await reschedule.getByRole('button', { name: 'Confirm new time' }).click();
  await expect(reschedule).toBeHidden();
  await expect(page.getByText('Your appointment was moved to the new time.')).toBeVisible();
  await expect(appointment).not.toHaveText(before);

  // Cancel it with a reason.
  await appointment.getByRole('button', { name: 'Cancel' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this appointment?' });
  await expect(cancel.getByText(/up to \d+ hours? before the start/i)).toBeVisible();
  await cancel.getByLabel(/reason for cancelling/i).fill('Plans changed');
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(cancel).toBeHidden();
  // A cancelled visit is no longer upcoming: it is under Past, with its reason.
  await expect(appointment).toHaveCount(0);
  await page.getByRole('tab', { name: 'Past' }).click();
  await expect(appointment.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(appointment.getByText('Cancellation reason: Plans changed')).toBeVisible();
});
