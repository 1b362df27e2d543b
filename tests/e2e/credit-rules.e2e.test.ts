import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `credit-rules-${name}.png`), fullPage: true });
}

async function setNumber(page: Page, testId: string, value: number) {
  // antd's InputNumber puts the test id on the <input> itself.
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.fill(String(value));
  await input.blur();
}

describe('credit-structure rules in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    // A second 教务 of the college (the demo has one), to approve what the first one drafted.
    const db = harness.started.database;
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, institution_id, demo_password)
       SELECT 'jiaowu2', '教务处 李老师', password_hash, institution_id, demo_password FROM users WHERE username = 'jiaowu'`,
    );
    await db.query(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, institution_id)
       SELECT (SELECT id FROM users WHERE username = 'jiaowu2'), role, scope_type, scope_id, institution_id
       FROM role_grants WHERE user_id = (SELECT id FROM users WHERE username = 'jiaowu')`,
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('教务 drafts a version: nonsense is refused in words, the author cannot approve, a second 教务 does; the builder names the version', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'jiaowu');
    await page.goto('/courses');
    await page.getByTestId('open-credit-rules').click();
    await page.waitForURL('**/credit-rules');
    await expect.poll(() => page.getByTestId('credit-rules-in-force').textContent()).toContain('规则版本 v1（2023 级起）');
    await page.getByTestId('credit-rule-version-1').waitFor();
    await screenshot(page, 'list-zh');

    // The nonsense of issue 12: no shared course, 0–1 total credits, one term.
    await page.getByTestId('credit-rules-new').click();
    await setNumber(page, 'credit-rule-sharedCourseCount', 0);
    await setNumber(page, 'credit-rule-totalCreditsMin', 0);
    await setNumber(page, 'credit-rule-totalCreditsMax', 1);
    await setNumber(page, 'credit-rule-termCount', 1);
    await setNumber(page, 'credit-rule-effectiveFromCohort', 2027);
    await page.getByTestId('credit-rules-save').click();
    const error = page.getByTestId('credit-rules-error');
    await expect.poll(() => error.textContent()).toContain('学分结构规则有 3 处不合理');
    expect(await error.textContent()).toContain('总学分上限为 1，应在 10–300 之间');
    await screenshot(page, 'refused-zh');

    // Sensible figures: ten shared courses from the 2027 cohort on.
    await setNumber(page, 'credit-rule-sharedCourseCount', 10);
    await setNumber(page, 'credit-rule-totalCreditsMin', 120);
    await setNumber(page, 'credit-rule-totalCreditsMax', 160);
    await setNumber(page, 'credit-rule-termCount', 6);
    await page.getByTestId('credit-rules-save').click();
    await expect.poll(() => page.getByTestId('credit-rules-open-status').getAttribute('data-status')).toBe('draft');
    await page.getByTestId('credit-rules-submit').click();
    await expect.poll(() => page.getByTestId('credit-rules-open-status').getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('credit-rules-pending-hint').textContent()).toContain('须由另一位教务人员审批');
    await page.getByTestId('credit-rules-approve').click();
    await page.getByTestId('credit-rules-approve-ok').click();
    await expect.poll(() => error.textContent()).toContain('不能审批自己起草、修改或提交的规则版本 v2');
    await screenshot(page, 'own-approval-zh');

    // The second 教务 approves it, in English.
    const second = await harness.newPage();
    await second.page.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(second.page, 'jiaowu2');
    await second.page.goto('/credit-rules');
    await expect.poll(() => second.page.getByTestId('credit-rules-open-status').getAttribute('data-status')).toBe('pending');
    await screenshot(second.page, 'pending-en');
    await second.page.getByTestId('credit-rules-approve').click();
    await second.page.getByTestId('credit-rules-approve-ok').click();
    await expect.poll(() => second.page.getByTestId('credit-rule-version-2').textContent()).toContain('Approved');
    await setNumber(second.page, 'credit-rules-cohort', 2027);
    await expect
      .poll(() => second.page.getByTestId('credit-rules-in-force').textContent())
      .toContain('The 2027 cohort: rule version v2 (in force from the 2027 cohort)');
    await screenshot(second.page, 'approved-en');

    // A published 2025 programme keeps version 1 (now in force for 2023–2026) and still passes.
    const [published] = await harness.started.database.query<{ id: number }>(
      `SELECT p.id FROM programmes p JOIN majors m ON m.id = p.major_id WHERE m.code = '430401' AND p.cohort_year = 2025 AND p.status = 'published'`,
    );
    await page.goto(`/programmes/${published!.id}`);
    const version = page.getByTestId('rule-version');
    await expect.poll(() => version.textContent()).toContain('规则版本 v1，2023–2026 级执行');
    expect(await version.getAttribute('data-pinned')).toBe('true');
    expect(await page.getByTestId('rule-summary').getAttribute('data-passed')).toBe('true');
    await screenshot(page, 'builder-zh');
    expect(pageErrors).toEqual([]);
  });
});
