import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `first-run-${name}.png`), fullPage: true });
}

/** A production install on an empty database: no demo logins anywhere, and the first administrator made in the browser. */
describe('first run of a production install in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('the login page names no demo logins and leads to the setup; the setup code makes the first administrator once', async () => {
    const token = harness.started.setupToken!;
    expect(token).toBeTruthy();
    const { page } = await harness.newPage();
    await page.goto('/login');
    await page.getByTestId('login-setup-link').waitFor();
    expect(await page.getByTestId('login-demo-hint').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('Sitong@2026');
    await screenshot(page, 'login-zh');

    await page.goto(`/setup?token=${token}`);
    expect(await page.getByTestId('setup-token').inputValue()).toBe(token);
    await page.getByTestId('setup-alliance').fill('全国工业数智化应用行业产教融合共同体');
    await page.getByTestId('setup-username').fill('zhou.admin');
    await page.getByTestId('setup-display-name').fill('周老师');
    // A password the policy refuses: the server says why, and nothing is created.
    await page.getByTestId('setup-password').fill('woaini1314');
    await page.getByTestId('setup-confirm').fill('woaini1314');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-error').waitFor();
    expect(await page.getByTestId('setup-error').textContent()).toContain('这个密码太常见');
    await screenshot(page, 'setup-refused-zh');
    await page.getByTestId('setup-password').fill('Lu-Qian-Gang-2026');
    await page.getByTestId('setup-confirm').fill('Lu-Qian-Gang-2026');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-to-login').waitFor();
    await screenshot(page, 'setup-done-zh');
    const [{ n }] = await harness.started.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE username = 'zhou.admin'",
    );
    expect(n).toBe(1);

    await page.getByTestId('setup-to-login').click();
    await login(page, 'zhou.admin', 'Lu-Qian-Gang-2026');
    expect(await page.getByTestId('user-name').textContent()).toBe('周老师');
    expect(await page.getByTestId('demo-password-warning').count()).toBe(0);

    // The code was used: the setup page now says so.
    const { page: again } = await harness.newPage();
    await again.goto('/login');
    await again.evaluate(() => localStorage.setItem('sitong.language', 'en'));
    await again.goto(`/setup?token=${token}`);
    await again.getByText('First-run setup is done or not open').waitFor();
    await screenshot(again, 'setup-closed-en');
  });
});

describe('the demo install in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('an admin sees the warning that accounts still have the published demo password; a teacher does not', async () => {
    const { page } = await harness.newPage();
    await login(page, 'admin');
    const warning = page.getByTestId('demo-password-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('有 12 个账号仍在使用公开的演示密码');
    await screenshot(page, 'demo-warning-zh');
    const { page: teacher } = await harness.newPage();
    await login(teacher, 'teacher');
    expect(await teacher.getByTestId('demo-password-warning').count()).toBe(0);
    await teacher.goto('/login');
    const { page: anonymous } = await harness.newPage();
    await anonymous.goto('/login');
    await anonymous.getByTestId('login-demo-hint').waitFor();
  });
});
