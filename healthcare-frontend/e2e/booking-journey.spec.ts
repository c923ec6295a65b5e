import { expect, test } from '@playwright/test';
import { findDoctor, pickSlot, registerPatient } from './support';

test('a visitor picks a time, logs in, and finishes booking that very time', async ({ page, request }) => {
  const doctor = await findDoctor(request);
  const patient = await registerPatient(request, 'loginbook');

  await page.goto(`/doctors/${doctor.id}`);
  const picked = await pickSlot(page, 1);
  // The picked time rides along to the login page…
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Username or email').fill(patient.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(patient.password);
  await page.getByRole('button', { name: 'Log in' }).click();

  // …and comes back as the booking form, on that time.
  const booking = page.getByRole('dialog', { name: 'Book this appointment' });
  await expect(booking).toBeVisible();
  const [day, time] = picked.split(', ');
  await expect(booking.getByText(new RegExp(`${day}.*${time.slice(0, 5)}`)).first()).toBeVisible();
  await booking.getByRole('button', { name: 'Book appointment' }).click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: /your appointment is (booked|confirmed)/i })).toBeVisible();
});

test.describe('on a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the booking page stays short: a day strip and one day of times', async ({ page, request }) => {
    const doctor = await findDoctor(request);
    await page.goto(`/doctors/${doctor.id}`);
    const picker = page.getByRole('region', { name: 'Available times' });
    const strip = picker.getByRole('group', { name: 'Days with free times' });
    await expect(strip).toBeVisible();
    // Only days with free times, each with its count; the strip scrolls sideways, not the page.
    await expect(strip.getByRole('button').first()).toHaveText(/\d+ free/);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, 'booking page height on a phone').toBeLessThan(1700);

    await picker.getByRole('button', { name: 'Next free day' }).click();
    await expect(strip.getByRole('button', { pressed: true })).toHaveCount(1);
    await expect(strip.getByRole('button').nth(1)).toHaveAttribute('aria-pressed', 'true');
  });
});
