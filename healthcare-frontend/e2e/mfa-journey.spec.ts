import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { logIn, registerPatient } from './support';

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as an authenticator app computes it from the key. */
function totp(base32Secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0xf;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

test('a user turns on two-factor authentication and then logs in with a code', async ({ page, request }) => {
  const patient = await registerPatient(request, 'mfa');
  await logIn(page, patient.username, patient.password);

  // Set it up: the QR code and the key, then a code from the "app".
  await page.goto('/security');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: /qr code/i })).toBeVisible();
  const secret = (await page.locator('code').innerText()).trim();
  await page.getByLabel('Code').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' });
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
  await expect(page.getByText('Recovery codes left: 10')).toBeVisible();

  // Log out; the password alone no longer logs in: the form asks for the code.
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(patient.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(patient.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('code from your authenticator app');
  // The next period's code: the one used to turn it on may not be used twice.
  await page.getByLabel('Authentication code').fill(totp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible();
});
