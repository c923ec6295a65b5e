import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { settle, signInWithToken } from './support';

// The front desk at a reception PC (1366 wide) and on a phone (390 wide): `SCREENSHOTS=1 bash .ci/e2e`.
const OUT =
  process.env.SCREENSHOT_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
const SIZES = [
  { name: '1366', width: 1366, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;

test('front desk pages @screens', async ({ page, request }) => {
  await mkdir(OUT, { recursive: true });
  await signInWithToken(page, request, 'frontdesk', 'Desk12345!');
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/front-desk');
    await settle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect.soft(overflow, `front desk at ${size.width}px: page wider than the viewport`).toBeLessThanOrEqual(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(OUT, `40-front-desk-${size.name}.png`), fullPage: true });
  }
});
