import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

const headers = ['学号', '姓名', '性别', '年级', '专业代码', '班级代码', '学籍状态', '身份证号', '手机号'];
const newStudents = [
  { no: '20264304019001', name: '林晓雨', gender: '女' },
  { no: '20264304019002', name: '周子涵', gender: '男' },
  { no: '20264304019003', name: '陈思远', gender: '男' },
  { no: '20264304019004', name: '王嘉怡', gender: '女' },
  { no: '20264304019005', name: '赵一鸣', gender: '男' },
];

async function studentWorkbook(badRowIndex: number | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学生');
  sheet.addRow(headers);
  newStudents.forEach((student, index) => {
    const majorCode = index === badRowIndex ? '999999' : '430401';
    sheet.addRow([student.no, student.name, student.gender, 2026, majorCode, '', '在读', '', '']);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function screenshot(page: Page, name: string) {
  // Screenshots are for looking at the layout while developing: E2E_SCREENSHOTS=1 writes them to .tmp/.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `ui-${name}.png`), fullPage: true });
}

describe('web UI in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('academic affairs browses the cluster tree, imports students from .xlsx and finds them', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // Unauthenticated visit goes to the login page; wrong password shows the server's message.
    await page.goto('/org');
    await page.waitForURL('**/login');
    await page.getByTestId('login-username').fill('jiaowu');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBeTruthy();

    await login(page, 'jiaowu');
    await expect.poll(() => page.getByTestId('user-name').textContent()).toContain('教务处');

    // Cluster tree: the cluster and its three groups.
    await page.getByTestId('side-menu').getByText('集群与组织').click();
    await page.waitForURL('**/org');
    const tree = page.getByTestId('cluster-tree');
    await tree.getByText('绿色智能制造（冶金方向）专业集群').waitFor();
    for (const group of ['钢铁智能冶金专业群', '智能控制技术专业群', '工业互联网专业群']) {
      await tree.getByText(group, { exact: true }).waitFor();
    }
    await screenshot(page, 'org');

    // A group's details.
    await page.getByTestId('tree-group-YJ').click();
    const details = page.getByTestId('org-details');
    await details.getByText('专业群：钢铁智能冶金专业群').waitFor();
    await details.getByText('对接产业链').waitFor();

    // A major's details with its status history.
    await page.getByTestId('tree-major-430401').click();
    await details.getByText('专业：430401 钢铁智能冶金技术').waitFor();
    await details.getByText('状态变更记录').waitFor();
    await page.getByTestId('status-history').locator('.ant-tag', { hasText: '招生' }).first().waitFor();
    await page.getByTestId('change-status').waitFor();
    await screenshot(page, 'major');

    // Import wizard: students.
    await page.getByTestId('side-menu').getByText('数据导入').click();
    await page.waitForURL('**/imports');
    await page.getByTestId('entity-students').click();
    await page.getByTestId('import-step-choose').getByText('专业代码').first().waitFor();
    expect(await page.getByTestId('download-template').getAttribute('href')).toBe('/api/imports/students/template.xlsx?lang=zh-CN');
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-step-upload').waitFor();

    // Upload a file with one bad row (unknown major code in the third data row → sheet row 4).
    await page.locator('input[type=file]').setInputFiles({
      name: '新生名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await studentWorkbook(2),
    });
    await page.getByTestId('import-step-preview').waitFor();
    await page.getByTestId('preview-has-errors').waitFor();
    const errorRows = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    await expect.poll(() => errorRows.count()).toBe(1);
    const cells = errorRows.first().locator('td');
    expect((await cells.nth(0).textContent())?.trim()).toBe('4');
    expect(await cells.nth(1).textContent()).toContain('专业代码');
    expect((await cells.nth(2).textContent())?.trim().length).toBeGreaterThan(0);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('download-errors').getAttribute('href')).toMatch(
      /^\/api\/imports\/batches\/[0-9a-f-]+\/errors\.xlsx\?lang=zh-CN$/,
    );
    await screenshot(page, 'import-errors');

    // Fix the file and upload it again.
    await page.locator('input[type=file]').setInputFiles({
      name: '新生名单-已修正.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await studentWorkbook(null),
    });
    await page.getByTestId('preview-ok').waitFor();
    await expect.poll(() => page.getByTestId('summary-create').locator('.ant-statistic-content-value').textContent()).toBe('5');
    expect(await page.getByTestId('import-errors').count()).toBe(0);
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result-counts').textContent()).toContain('新增 5 条');
    await screenshot(page, 'import-done');

    // A second file with only 学号 and 姓名 (and a header the template does not know): the preview
    // lists the one rename as old → new and names the ignored header; nothing else is touched.
    await page.getByTestId('import-again').click();
    await page.getByTestId('entity-students').click();
    await page.getByTestId('import-next').click();
    const renames = new ExcelJS.Workbook();
    const renameSheet = renames.addWorksheet('学生');
    renameSheet.addRow(['学号', '姓名', '备注']);
    renameSheet.addRow([newStudents[0]!.no, `${newStudents[0]!.name}改`, '改名']);
    renameSheet.addRow([newStudents[1]!.no, newStudents[1]!.name, '']);
    await page.locator('input[type=file]').setInputFiles({
      name: '改名.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await renames.xlsx.writeBuffer()),
    });
    await page.getByTestId('preview-ok').waitFor();
    await page.getByTestId('import-ignored-headers').getByText('备注').waitFor();
    expect(await page.getByTestId('import-columns-carried').textContent()).toContain('学号、姓名');
    const rename = page.getByTestId(`change-${newStudents[0]!.no}-name`);
    await rename.waitFor();
    expect(await rename.textContent()).toBe(`姓名：${newStudents[0]!.name} → ${newStudents[0]!.name}改`);
    await expect.poll(() => page.getByTestId('import-changes').locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(page, 'import-changes');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result-counts').textContent()).toContain('更新 1 条');

    // The new students are in the roster.
    await page.getByTestId('side-menu').getByText('学生', { exact: true }).click();
    await page.waitForURL('**/students');
    await page.getByTestId('students-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('student-search').locator('input').fill(newStudents[1]!.no);
    const row = page.getByTestId('students-table').locator('tbody tr.ant-table-row', { hasText: newStudents[1]!.no });
    await row.waitFor();
    expect(await row.textContent()).toContain(newStudents[1]!.name);
    await expect.poll(() => page.getByTestId('students-table').locator('tbody tr.ant-table-row').count()).toBe(1);

    // Row click opens the student's details.
    await row.click();
    await page.locator('.ant-drawer').getByText('钢铁智能冶金技术').waitFor();
    await screenshot(page, 'students');

    expect(pageErrors).toEqual([]);
  });

  it('switching the language to English changes the visible text and persists', async () => {
    const { page } = await harness.newPage();
    await login(page, 'admin');
    const menu = page.getByTestId('side-menu');
    await menu.getByText('审计日志').waitFor();

    // Indicators: compute a computable one for the demo cluster and see its value and level.
    await menu.getByText('指标').click();
    await page.waitForURL('**/indicators');
    await page.getByText('教师占专业课教师比例').first().waitFor();
    await page.getByTestId('compute-org.dual_qualified_teacher_ratio').click();
    const value = page.getByTestId('value-org.dual_qualified_teacher_ratio');
    await value.locator('.ant-tag').waitFor();
    expect(await value.textContent()).toMatch(/%/);
    await screenshot(page, 'indicators');

    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await menu.getByText('Audit log').waitFor();
    await menu.getByText('Clusters', { exact: true }).waitFor();
    expect(await menu.textContent()).not.toContain('审计日志');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // The audit page is in English too, and the choice survives a reload.
    await menu.getByText('Audit log').click();
    await page.waitForURL('**/audit');
    await page.getByRole('columnheader', { name: 'Summary' }).waitFor();
    await page.reload();
    await page.getByTestId('side-menu').getByText('Audit log').waitFor();
    // Actions and objects in words, not codes; the action filter is a list of those words.
    await page.getByTestId('audit-action').first().waitFor();
    const shown = await page.getByTestId('audit-action').allTextContents();
    expect(shown.some((text) => /^[a-z_]+\.[a-z_.]+$/.test(text))).toBe(false);
    expect(shown).toContain('Sign in');
    await page.getByTestId('audit-action-filter').click();
    await page.keyboard.type('Sign in');
    await page.locator('.ant-select-dropdown [title="Sign in"]').first().click();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(async () => new Set(await page.getByTestId('audit-action').allTextContents())).toEqual(new Set(['Sign in']));
    await screenshot(page, 'audit-en');

    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await page.getByTestId('side-menu').getByText('审计日志').waitFor();
  });
});
