import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';
import { sealedAt } from '../../server/modules/org/read.ts';

const polling = { timeout: 15_000 };

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `workbench-${name}.png`), fullPage: true });
}

describe('the workbench in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a student lands on their workbench: the open selection window with its deadline, their claims, no ID number; a card leads to the work', async () => {
    const { page } = await harness.newPage();
    await login(page, 'student');
    await expect.poll(() => new URL(page.url()).pathname, polling).toBe('/');
    const selection = page.getByTestId('card-courses.selection');
    await selection.waitFor();
    expect(await selection.getByTestId('card-deadline').textContent()).toContain('截止');
    await page.getByTestId('card-creditbank.my_claims').waitFor();
    const [{ id: studentId, id_number_enc: sealed }] = await harness.started.database.query<{ id: number; id_number_enc: string }>(
      "SELECT s.id, s.id_number_enc FROM students s JOIN users u ON u.student_id = s.id WHERE u.username = 'student'",
    );
    expect(await page.locator('body').textContent()).not.toContain(
      harness.started.context.pii.decrypt(sealed, sealedAt('students', 'id_number_enc', Number(studentId))),
    );
    await screenshot(page, 'student-zh');
    await selection.getByTestId('card-open').click();
    await page.waitForURL('**/selection');
    // English, and at phone width.
    await page.evaluate(() => localStorage.setItem('sitong.language', 'en'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await page.getByTestId('card-courses.selection').getByText('Course selection').waitFor();
    await screenshot(page, 'student-en-phone');
  });

  it('教务 lands on claims to review and programmes to approve', async () => {
    const { page } = await harness.newPage();
    await login(page, 'jiaowu');
    await expect.poll(() => new URL(page.url()).pathname, polling).toBe('/');
    const queue = page.getByTestId('card-creditbank.review_queue');
    await queue.waitFor();
    await page.getByTestId('card-courses.programmes_to_approve').waitFor();
    await screenshot(page, 'jiaowu-zh');
    await queue.getByTestId('card-open').click();
    await page.waitForURL('**/creditbank/claims');
  });

  it('an admin sees the state of jobs and deliveries', async () => {
    const { page } = await harness.newPage();
    await login(page, 'admin');
    await page.getByTestId('card-platform.failed_jobs').waitFor();
    await page.getByTestId('card-platform.failed_deliveries').waitFor();
    await page.evaluate(() => localStorage.setItem('sitong.language', 'en'));
    await page.reload();
    await page.getByTestId('card-platform.failed_jobs').getByText('Scheduled jobs').waitFor();
    await screenshot(page, 'admin-en');
  });
});
