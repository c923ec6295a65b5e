import { expect, test } from '@playwright/test';
import { apiToken, chooseOption, findDoctor, logIn, pickSlot, registerPatient } from './support';

const DESK_USER = process.env.E2E_DESK_USER ?? 'frontdesk';
const DESK_PASSWORD = process.env.E2E_DESK_PASSWORD ?? 'Desk12345!';

test('the front desk books a follow-up for a patient who calls and checks in a patient who arrives', async ({ page, request }) => {
  // Someone calls: they are a patient of the clinic already (registered online earlier).
  const caller = await registerPatient(request, 'caller');
  const callerName = `${caller.firstName} ${caller.lastName}`;
  const doctor = await findDoctor(request);

  await logIn(page, DESK_USER, DESK_PASSWORD);
  await expect(page).toHaveURL(/\/front-desk$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Front desk' })).toBeVisible();

  // Find the caller, then choose the doctor, the kind of visit and a time.
  await page.getByRole('textbox', { name: 'Find a patient' }).fill(caller.lastName);
  await page.getByRole('button', { name: new RegExp(callerName) }).click();
  await expect(page.getByText(`Booking for ${callerName}`)).toBeVisible();
  await chooseOption(page, 'Doctor', new RegExp(doctor.full_name));
  await page.getByRole('radio', { name: /^Follow-up/ }).check();
  await pickSlot(page);

  const dialog = page.getByRole('dialog', { name: 'Book this appointment' });
  await expect(dialog.getByText(callerName)).toBeVisible();
  await expect(dialog.getByText(/Follow-up · 15 minutes/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  const booked = page.getByRole('dialog', { name: /^Appointment (booked|confirmed)$/ });
  await expect(booked.getByText(`Booked for ${callerName}.`, { exact: false })).toBeVisible();
  await booked.getByRole('button', { name: 'Done' }).click();

  // The booking is the caller's, for a follow-up of 15 minutes.
  const { access } = await apiToken(request, caller.username, caller.password);
  const mine = await request.get('/api/appointments/', { headers: { Authorization: `Bearer ${access}` } });
  const [visit] = ((await mine.json()) as { results: { visit_type_name: string; doctor: number }[] }).results;
  expect(visit).toMatchObject({ visit_type_name: 'Follow-up', doctor: doctor.id });

  // A patient with a visit today walks in: the desk checks them in and they join the waiting room.
  const column = page.getByRole('region', { name: `Today with ${doctor.full_name}` });
  const arrival = column.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Check in/ }) }).first();
  const arriving = (await arrival.getAttribute('aria-label'))!.replace(/^\S+\s/, '');
  const card = column.getByRole('listitem', { name: new RegExp(arriving) });
  await arrival.getByRole('button', { name: /^Check in/ }).click();
  await expect(card.getByText(/Waiting since \d\d:\d\d/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Waiting room' }).getByText(arriving)).toBeVisible();
});
