// The first-run path of a production install in Chromium, on an empty database (issue 11): the first
// administrator comes from the setup code; the workbench's 首次配置向导 then leads through the
// institution, departments, majors, teachers and students (imported from .xlsx files), the cluster and
// a group, and the accounts (provisioned, the activation sheet downloaded) — showing the next step
// after each — until the card goes away.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeXlsx } from '../support/xlsx.ts';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string, target?: 'card') {
  // E2E_SCREENSHOTS=1 writes them to .tmp/ for looking at the layout while developing.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `first-run-setup-${name}.png`);
  if (target === 'card') await page.getByTestId('card-platform.setup').screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
}

const password = 'Lu-Qian-Gang-2026';

describe('the first-run path of a production install in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const sql = <T>(text: string) => harness.started.database.query<T>(text);

  /** The workbench, with the setup card showing `key` as its next step. */
  async function expectNextStep(page: Page, key: string) {
    await page.goto('/');
    const card = page.getByTestId('card-platform.setup');
    await card.waitFor();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="card-platform.setup"]')?.getAttribute('data-next-step') === expected,
      key,
    );
    expect(await card.getByTestId(`step-${key}`).getAttribute('data-state')).toBe('next');
    return card;
  }

  async function importThrough(page: Page, entity: string, headers: string[], rows: unknown[][]) {
    const card = page.getByTestId('card-platform.setup');
    await card.getByTestId('card-open').click();
    await page.waitForURL(`**/imports?entity=${entity}`);
    // The link opened the wizard on that import: its columns are shown and it can go on at once.
    await page.getByTestId('import-step-choose').waitFor();
    expect(await page.locator(`label.ant-radio-button-wrapper-checked [data-testid="entity-${entity}"]`).count()).toBe(1);
    await page.getByTestId('import-next').click();
    await page.locator('input[type=file]').setInputFiles({
      name: `${entity}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await makeXlsx(headers, rows),
    });
    await page.getByTestId('preview-ok').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
  }

  async function sheetRows(download: Download) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    return workbook.worksheets.flatMap((sheet) => {
      const rows: string[] = [];
      sheet.eachRow((row, number) => {
        if (number > 3) rows.push(String(row.getCell(1).value));
      });
      return rows;
    });
  }

  it('walks from the setup code to the last account, the workbench showing the next step each time', async () => {
    const { page } = await harness.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // The first administrator, with the code the first start printed.
    await page.goto(`/setup?token=${harness.started.setupToken!}`);
    await page.getByTestId('setup-alliance').fill('全国工业数智化应用行业产教融合共同体');
    await page.getByTestId('setup-username').fill('zhou.admin');
    await page.getByTestId('setup-display-name').fill('周老师');
    await page.getByTestId('setup-password').fill(password);
    await page.getByTestId('setup-confirm').fill(password);
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-to-login').waitFor();
    await login(page, 'zhou.admin', password);
    expect(await sql('SELECT id FROM institutions')).toEqual([]);

    // 1 · The institution: nothing else can be set up before it.
    let card = await expectNextStep(page, 'org.institution');
    expect(await card.locator('[data-state="waiting"]').count()).toBe(6);
    await screenshot(page, 'card-institution-zh', 'card');
    await card.getByTestId('card-open').click();
    await page.waitForURL('**/org/institution');
    await page.getByTestId('institution-name').fill('天津工业职业学院');
    await page.getByTestId('institution-code').fill('TJGY');
    await page.getByTestId('institution-short-name').fill('天津工业');
    await screenshot(page, 'institution-form-zh');
    await page.getByTestId('institution-create').click();
    await page.waitForURL((url) => url.pathname === '/');
    const [institution] = await sql<{ id: number; role: string }>(
      "SELECT i.id, m.role FROM institutions i JOIN institution_alliances m ON m.institution_id = i.id WHERE i.code = 'TJGY'",
    );
    expect(institution!.role).toBe('lead');
    const [admin] = await sql<{ institution_id: number }>("SELECT institution_id FROM users WHERE username = 'zhou.admin'");
    expect(Number(admin!.institution_id)).toBe(Number(institution!.id));

    // 2 · Departments, 3 · majors, 4 · teachers: each imported from a file, through the step's own link.
    card = await expectNextStep(page, 'org.departments');
    expect(await card.getByTestId('step-org.institution').getAttribute('data-state')).toBe('done');
    await importThrough(
      page,
      'departments',
      ['系部代码', '系部名称'],
      [
        ['GYJS', '工业技术系'],
        ['ZNZZ', '智能制造系'],
      ],
    );
    await expectNextStep(page, 'org.majors');
    await importThrough(
      page,
      'majors',
      ['专业代码', '专业名称', '所属系部代码'],
      [
        ['430401', '钢铁智能冶金技术', 'GYJS'],
        ['460301', '机械制造及自动化', 'ZNZZ'],
      ],
    );
    // Only a roster import offers accounts.
    expect(await page.getByTestId('import-provision').count()).toBe(0);
    await expectNextStep(page, 'org.teachers');
    await importThrough(
      page,
      'teachers',
      ['工号', '姓名', '所属系部代码'],
      [
        ['T1001', '王建国', 'GYJS'],
        ['T1002', '李秀英', 'ZNZZ'],
      ],
    );
    await page.getByTestId('import-provision-run').waitFor();
    expect(await page.getByTestId('import-provision-run').textContent()).toContain('为导入的教师开通账号');
    await page.getByTestId('import-to-workbench').click();

    // 5 · Students, with their accounts opened right after the import.
    await expectNextStep(page, 'org.students');
    await importThrough(
      page,
      'students',
      ['学号', '姓名', '年级', '专业代码'],
      [
        ['2025430401001', '张三', 2025, '430401'],
        ['2025430401002', '李四', 2025, '430401'],
        ['2025460301001', '王五', 2025, '460301'],
      ],
    );
    await screenshot(page, 'import-provision-zh');
    const [studentSheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-provision-run').click()]);
    await page.getByTestId('import-provision-result').waitFor();
    expect(await page.getByTestId('import-provision-result').textContent()).toContain('新开 3 个账号');
    expect((await sheetRows(studentSheet)).sort()).toEqual(['2025430401001', '2025430401002', '2025460301001']);
    expect(await sql('SELECT username FROM users WHERE teacher_id IS NOT NULL')).toEqual([]);

    // 6 · The cluster and a group, on the cluster page.
    card = await expectNextStep(page, 'org.cluster');
    await screenshot(page, 'card-cluster-zh', 'card');
    await card.getByTestId('card-open').click();
    await page.waitForURL('**/org');
    await page.getByTestId('org-create').hover();
    await page.getByTestId('create-cluster').click();
    await page.getByTestId('org-form-code').fill('LSZNZZ');
    await page.getByTestId('org-form-name').fill('绿色智能制造专业集群');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('tree-cluster-LSZNZZ').waitFor();
    card = await expectNextStep(page, 'org.cluster');
    expect(await card.getByTestId('next-step').textContent()).toContain('还需在其中新建专业群');
    await page.goto('/org');
    await page.getByTestId('tree-cluster-LSZNZZ').waitFor();
    await page.getByTestId('org-create').hover();
    await page.getByTestId('create-group').click();
    await page.getByTestId('org-form-code').fill('YJ');
    await page.getByTestId('org-form-name').fill('钢铁智能冶金专业群');
    await page.getByTestId('org-form-cluster').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '绿色智能制造专业集群' }).click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => sql("SELECT id FROM professional_groups WHERE code = 'YJ' AND cluster_id IS NOT NULL")).toHaveLength(1);

    // 7 · The accounts: the students have theirs; the teachers' are opened from the card, the sheet downloaded.
    card = await expectNextStep(page, 'platform.accounts');
    expect(await card.getByTestId('next-step').textContent()).toContain('2 名教师尚未开通账号');
    await screenshot(page, 'card-accounts-zh', 'card');
    await screenshot(page, 'workbench-accounts-zh');
    const [teacherSheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('setup-provision-run').click()]);
    expect(teacherSheet.suggestedFilename()).toMatch(/^账号激活单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect((await sheetRows(teacherSheet)).sort()).toEqual(['T1001', 'T1002']);
    // Every step done: the card is gone, and the result of the last one stays on the page.
    await page.getByTestId('provisioned').waitFor();
    expect(await page.getByTestId('provisioned').textContent()).toContain('新开 2 个账号，已有账号 3 个');
    await page.getByTestId('workbench-cards').or(page.getByText('这里会显示需要您处理的事项')).first().waitFor();
    expect(await page.getByTestId('card-platform.setup').count()).toBe(0);
    await screenshot(page, 'workbench-done-zh');
    const [{ n }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE activation_pending');
    expect(n).toBe(5);
    await page.reload();
    await page.getByTestId('workbench-greeting').waitFor();
    expect(await page.getByTestId('card-platform.setup').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('the card reads in English too, without cut-off steps (a new teacher on the roster brings it back)', async () => {
    // One more teacher: the accounts step is open again.
    const [institution] = await sql<{ id: number }>("SELECT id FROM institutions WHERE code = 'TJGY'");
    await sql(`INSERT INTO teachers (institution_id, staff_no, name) VALUES (${institution!.id}, 'T1003', '刘洋')`);
    const contexts: BrowserContext[] = [];
    for (const [language, width] of [
      ['en', 1440],
      ['en', 1024],
      ['zh-CN', 1024],
    ] as const) {
      const { context, page } = await harness.newPage();
      contexts.push(context);
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((value) => localStorage.setItem('sitong.language', value), language);
      await login(page, 'zhou.admin', password);
      const card = await expectNextStep(page, 'platform.accounts');
      if (language === 'en') {
        expect(await card.getByTestId('card-summary').textContent()).toBe('6 of 7 steps done. Next: Open accounts');
        expect(await card.getByTestId('next-step').textContent()).toContain('1 teacher has no account yet');
      }
      // No step title is cut: each is as wide as its text needs.
      const clipped = await card
        .locator('[data-testid^="step-"]')
        .evaluateAll(
          (nodes) => nodes.filter((node) => node.scrollWidth > node.clientWidth + 1 || node.getBoundingClientRect().width === 0).length,
        );
      expect(clipped).toBe(0);
      await screenshot(page, `card-accounts-${language}-${width}`, 'card');
    }
    for (const context of contexts) await context.close();
  });
});
