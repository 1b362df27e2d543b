// The cluster page and 学年学期 in Chromium: 教务 creates a cluster and then a group in it (which shows in
// the tree at once, under the new cluster), edits the group, and creates a term with its first teaching
// week; the pages are looked at in both languages.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  // E2E_SCREENSHOTS=1 writes them to .tmp/ for looking at the layout while developing.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(400); // modals and menus finish their animation
  await page.screenshot({ path: path.join(dir, `org-setup-${name}.png`), fullPage: true });
}

/** Types a date into an antd DatePicker and confirms it. */
async function pickDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe('the cluster page and terms in Chromium', () => {
  let harness: Harness;
  const sql = <T>(text: string) => harness.started.database.query<T>(text);
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('教务 creates a cluster and a group in it (shown in the tree at once), edits the group, and adds a term with its first week', async () => {
    const { page } = await harness.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await login(page, 'jiaowu');
    await page.getByTestId('side-menu').getByText('集群与组织').click();
    await page.waitForURL('**/org');
    await page.getByTestId('tree-group-YJ').waitFor();

    // A new cluster: it is selected and its details shown.
    await page.getByTestId('org-create').hover();
    await page.getByTestId('create-cluster').click();
    await page.getByTestId('org-form-code').fill('SZMY');
    await page.getByTestId('org-form-name').fill('数字贸易专业集群');
    await page.getByTestId('org-form-save').click();
    await page.getByTestId('tree-cluster-SZMY').waitFor();
    await page.getByTestId('org-details').getByText('专业集群：数字贸易专业集群').waitFor();

    // A group in it: the form starts on the selected cluster, and the new group shows under the new cluster.
    await page.getByTestId('org-create').hover();
    await page.getByTestId('create-group').click();
    await page.getByTestId('org-form-cluster').getByText('数字贸易专业集群').waitFor();
    await page.getByTestId('org-form-code').fill('KJDS');
    await page.getByTestId('org-form-name').fill('跨境电商专业群');
    await screenshot(page, 'new-group-zh');
    await page.getByTestId('org-form-save').click();
    await page.getByTestId('tree-group-KJDS').waitFor({ timeout: 5_000 });
    await page.getByTestId('org-details').getByText('专业群：跨境电商专业群').waitFor();
    const [group] = await sql<{ id: number; cluster: string }>(
      "SELECT g.id, c.code AS cluster FROM professional_groups g JOIN clusters c ON c.id = g.cluster_id WHERE g.code = 'KJDS'",
    );
    expect(group!.cluster).toBe('SZMY');

    // Folding a cluster keeps it folded when the tree reloads after a save; the other nodes stay open.
    await page
      .locator('.ant-tree-treenode', { has: page.getByTestId('tree-cluster-LSZNZZ') })
      .locator('.ant-tree-switcher')
      .click();
    await page.getByTestId('tree-group-YJ').waitFor({ state: 'hidden' });

    // 编辑 the group: the form holds its current values; the new name shows in the tree and the details.
    await page.getByTestId('edit-group').click();
    expect(await page.getByTestId('org-edit-name').inputValue()).toBe('跨境电商专业群');
    await page.getByTestId('org-edit-name').fill('跨境电子商务专业群');
    await page.getByTestId('org-edit-department').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').first().click();
    await screenshot(page, 'edit-group-zh');
    await page.getByTestId('org-edit-save').click();
    await page.getByTestId('tree-group-KJDS').getByText('跨境电子商务专业群').waitFor();
    await page.getByTestId('org-details').getByText('专业群：跨境电子商务专业群').waitFor();
    const [edited] = await sql<{ name: string; department_id: number | null }>(
      `SELECT name, department_id FROM professional_groups WHERE id = ${group!.id}`,
    );
    expect(edited!.name).toBe('跨境电子商务专业群');
    expect(edited!.department_id).not.toBeNull();
    const audits = await sql<{ before: { name: string }; after: { name: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'group.update' AND entity_id = '${group!.id}'`,
    );
    expect(audits.map((audit) => [audit.before.name, audit.after.name])).toEqual([['跨境电商专业群', '跨境电子商务专业群']]);
    expect(await page.getByTestId('tree-group-YJ').isVisible()).toBe(false);
    await screenshot(page, 'org-zh');

    // 学年学期: a new term; the first week follows the start date until it is chosen.
    await page.getByTestId('side-menu').getByText('学年学期').click();
    await page.waitForURL('**/terms');
    await page.getByTestId('terms-table').locator('tr.term-2026-2027-1').waitFor();
    await page.getByTestId('term-create').click();
    await page.getByTestId('term-code').fill('2027-2028-1');
    await pickDate(page, 'term-starts-on', '2027-09-01');
    await pickDate(page, 'term-ends-on', '2028-01-16');
    expect(await page.getByTestId('term-first-week-input').inputValue()).toBe('2027-09-06');
    await pickDate(page, 'term-first-week-input', '2027-09-13');
    await screenshot(page, 'new-term-zh');
    await page.getByTestId('term-save').click();
    const row = page.getByTestId('terms-table').locator('tr.term-2027-2028-1');
    await row.getByTestId('term-first-week').getByText('2027-09-13').waitFor();
    const [term] = await sql<{ starts_on: string; ends_on: string; first_week_starts_on: string }>(
      "SELECT starts_on::text, ends_on::text, first_week_starts_on::text FROM terms WHERE code = '2027-2028-1' AND institution_id = (SELECT institution_id FROM users WHERE username = 'jiaowu')",
    );
    expect(term).toEqual({ starts_on: '2027-09-01', ends_on: '2028-01-16', first_week_starts_on: '2027-09-13' });

    // Editing it: week 1 moved back to the first Monday.
    await page.getByTestId('term-edit-2027-2028-1').click();
    expect(await page.getByTestId('term-first-week-input').inputValue()).toBe('2027-09-13');
    await pickDate(page, 'term-first-week-input', '2027-09-06');
    await page.getByTestId('term-save').click();
    await row.getByTestId('term-first-week').getByText('2027-09-06').waitFor();
    await screenshot(page, 'terms-zh');

    // The import button opens the wizard on the terms import.
    await page.getByTestId('terms-import').click();
    await page.waitForURL('**/imports?entity=terms');
    await page.getByTestId('import-step-choose').waitFor();
    expect(errors).toEqual([]);
  });

  it('the pages in English: nothing cut off', async () => {
    const { page } = await harness.newPage({ locale: 'en-US' });
    await page.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(page, 'jiaowu');
    await page.getByTestId('side-menu').getByText('Terms', { exact: true }).click();
    await page.waitForURL('**/terms');
    await page.getByTestId('terms-table').locator('tr.term-2026-2027-1').waitFor();
    await page.getByText('Monday of week 1').first().waitFor();
    await screenshot(page, 'terms-en');
    await page.getByTestId('term-create').click();
    await page.getByText('By default the first Monday on or after the start date').waitFor();
    await screenshot(page, 'new-term-en');
    await page.keyboard.press('Escape');

    await page.goto('/org');
    await page.getByTestId('tree-group-YJ').click();
    await page.getByTestId('edit-group').click();
    await page.getByText('Edit professional group').waitFor();
    await screenshot(page, 'edit-group-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('institution').waitFor();
    await screenshot(page, 'org-en');
  });
});
