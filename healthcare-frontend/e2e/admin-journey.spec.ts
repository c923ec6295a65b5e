import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USER, logIn } from './support';

test('an admin opens the reports and downloads the CSV', async ({ page }) => {
  await logIn(page, ADMIN_USER, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/admin-area$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByText(/^Appointments$/).first()).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^appointments-report-.*\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toMatch(/\w+,\w+/);

  // The revenue report renders too.
  await page.getByRole('button', { name: 'Revenue' }).click();
  await expect(page.getByRole('table', { name: 'Revenue report' }).or(page.getByText('Nothing in this period'))).toBeVisible();
});
