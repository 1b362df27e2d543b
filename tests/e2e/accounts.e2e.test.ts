// 用户与权限 in Chromium: an administrator provisions one class and downloads its activation sheet; a
// student of it signs in with the code, is made to choose a password, and sees their own record; the
// administrator grants a teacher the group-lead role, the teacher sees the group's work after a reload,
// and a revoke takes it away at once.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  // E2E_SCREENSHOTS=1 writes them to .tmp/ for looking at the layout while developing.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `accounts-${name}.png`), fullPage: true });
}

describe('用户与权限 in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('an admin provisions a class, a student activates with the code, chooses a password and sees their record', async () => {
    const sql = <T>(text: string) => harness.started.database.query<T>(text);
    const [klass] = await sql<{ id: number; name: string }>(
      `SELECT c.id, c.name FROM classes c WHERE EXISTS (SELECT 1 FROM students s WHERE s.class_id = c.id AND s.status = 'enrolled')
       AND c.institution_id = (SELECT institution_id FROM users WHERE username = 'jiaowu') ORDER BY c.id LIMIT 1`,
    );
    const { page: admin } = await harness.newPage();
    const errors: string[] = [];
    admin.on('pageerror', (error) => errors.push(error.message));
    await login(admin, 'admin');
    await admin.getByTestId('side-menu').getByText('用户与权限').click();
    await admin.waitForURL('**/admin/users');
    await admin.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(admin, 'users');

    await admin.getByTestId('open-provision').click();
    await admin.getByTestId('provision-class').click();
    await admin.keyboard.type(klass!.name);
    await admin.locator('.ant-select-dropdown .ant-select-item-option', { hasText: klass!.name }).first().click();
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('provision-run').click()]);
    await admin.getByTestId('provision-result').waitFor();
    await screenshot(admin, 'provisioned');
    expect(download.suggestedFilename()).toMatch(/^账号激活单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell(1, 1).value)).toContain('账号激活单');
    const studentNo = String(sheet.getCell(4, 1).value);
    const name = String(sheet.getCell(4, 2).value);
    const code = String(sheet.getCell(4, 3).value);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // The student: 学号 + activation code, then nothing but choosing a password.
    const { page: student } = await harness.newPage();
    await student.goto('/login');
    await student.getByTestId('login-activation-hint').waitFor();
    await student.getByTestId('login-username').fill(studentNo);
    await student.getByTestId('login-password').fill(code);
    await student.getByTestId('login-submit').click();
    await student.getByTestId('first-password').waitFor();
    expect(await student.getByTestId('first-password').textContent()).toContain(studentNo);
    await screenshot(student, 'first-password');
    await student.goto('/me');
    await student.getByTestId('first-password').waitFor(); // still nothing else
    await student.getByTestId('first-password-new').fill(studentNo);
    await student.getByTestId('first-password-confirm').fill(studentNo);
    await student.getByTestId('first-password-submit').click();
    await student.getByTestId('first-password-error').waitFor();
    await student.getByTestId('first-password-new').fill('Lianzhu#Tiegong2026');
    await student.getByTestId('first-password-confirm').fill('Lianzhu#Tiegong2026');
    await student.getByTestId('first-password-submit').click();
    await student.getByTestId('user-name').waitFor();
    await student.getByTestId('side-menu').getByText('我的信息').click();
    await student.waitForURL('**/me');
    await student.getByText(studentNo).first().waitFor();
    await student.getByText(name).first().waitFor();
    await screenshot(student, 'student-record');
    expect(errors).toEqual([]);
  });

  it('an admin grants a teacher the group-lead role; after a reload the teacher has the group’s claims, and a revoke removes them at once', async () => {
    const sql = <T>(text: string) => harness.started.database.query<T>(text);
    const [group] = await sql<{ id: number; name: string }>(
      `SELECT g.id, g.name FROM professional_groups g JOIN role_grants r ON r.scope_type = 'group' AND r.scope_id = g.id
       JOIN users u ON u.id = r.user_id WHERE u.username = 'teacher' LIMIT 1`,
    );
    const { page: admin } = await harness.newPage();
    await login(admin, 'admin');
    const { page: teacher } = await harness.newPage();
    await login(teacher, 'teacher');
    const menu = teacher.getByTestId('side-menu');
    expect(await menu.getByText('学分认定审核').count()).toBe(0);

    await admin.goto('/admin/users');
    await admin.getByTestId('users-search').locator('input').fill('teacher');
    await admin.getByTestId('users-search').locator('input').press('Enter');
    const row = admin.getByTestId('users-table').locator('tbody tr.ant-table-row', { hasText: '教师' }).first();
    await row.waitFor();
    await row.click();
    const drawer = admin.getByTestId('user-drawer');
    await drawer.getByTestId('grant-form').waitFor();
    await drawer.getByTestId('grant-role').click();
    await admin.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '专业群负责人' }).click();
    await drawer.getByTestId('grant-scope').click();
    await admin.keyboard.type(group!.name);
    await admin.locator('.ant-select-tree-node-content-wrapper', { hasText: group!.name }).first().waitFor();
    await admin.keyboard.press('Enter');
    await expect.poll(() => drawer.getByTestId('grant-scope').textContent()).toContain(group!.name);
    await drawer.getByTestId('grant-submit').click();
    const revoke = drawer.getByTestId(`revoke-group_lead-group-${group!.id}`);
    await revoke.waitFor();
    await screenshot(admin, 'granted');

    await teacher.reload();
    await menu.getByText('学分认定审核').click();
    await teacher.waitForURL('**/creditbank/claims');
    await teacher.getByRole('heading', { name: '学分认定审核' }).or(teacher.getByText('学分认定审核').nth(1)).first().waitFor();
    expect(await teacher.locator('.ant-result-403').count()).toBe(0);

    await revoke.click();
    await admin.locator('.ant-popconfirm .ant-btn-primary').click();
    await revoke.waitFor({ state: 'detached' });
    // At once: the very next page load knows the role is gone.
    await teacher.reload();
    await teacher.locator('.ant-result-403').waitFor();
    expect(await menu.getByText('学分认定审核').count()).toBe(0);
  });

  it('the alliance admin sees member institutions with their alliances and roles, in English too', async () => {
    const { page } = await harness.newPage();
    await page.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(page, 'admin');
    await page.goto('/org');
    const members = page.getByTestId('member-institutions');
    await members.getByText('Member institutions').waitFor();
    await members.getByText('天开津南园精密仪器产教联合体').waitFor();
    expect(await members.textContent()).toContain('· lead');
    await screenshot(page, 'members-en');
    await page.goto('/admin/users');
    await page.getByRole('columnheader', { name: 'Roles and scopes' }).waitFor();
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row', { hasText: 'grouplead' }).click();
    await page.getByTestId('user-drawer').getByText('Grant a role').waitFor();
    await screenshot(page, 'users-en');
  });
});
