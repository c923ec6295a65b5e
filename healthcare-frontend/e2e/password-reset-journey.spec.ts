import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { registerPatient } from './support';

/** The reset link in the newest email to `address`, from the file mail backend of .ci/e2e. */
function resetLinkFor(address: string): string | null {
  const dir = process.env.EMAIL_FILE_PATH;
  if (!dir) throw new Error('EMAIL_FILE_PATH is not set (run through .ci/e2e)');
  const files = readdirSync(dir)
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const file of files) {
    // Undo quoted-printable soft breaks, should the mail have been encoded so.
    const text = readFileSync(file, 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    if (!text.includes(`To: ${address}`)) continue;
    const link = text.match(/https?:\/\/\S+\/reset-password\?\S+/);
    if (link) return link[0];
  }
  return null;
}

test('a patient who forgot the password gets a link, sets a new one, and logs in with it', async ({ page, request }) => {
  const patient = await registerPatient(request, 'reset');

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(patient.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account uses this address');

  let link: string | null = null;
  await expect.poll(() => (link = resetLinkFor(patient.email)), { timeout: 10_000 }).not.toBeNull();
  await page.goto(link!);
  const newPassword = 'Fresh-Journey-Pass-31!';
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
  await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();

  // The link works once.
  await page.goto(link!);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('Another-Journey-Pass-32!');
  await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill('Another-Journey-Pass-32!');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('alert')).toContainText('invalid, already used or expired');

  await page.goto('/login');
  await page.getByLabel('Username or email').fill(patient.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
});
