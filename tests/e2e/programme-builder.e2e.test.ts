import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, login, repoRoot, startHarness, type Harness } from './harness.ts';

/**
 * The programme builder as group leads and 教务 meet it: leaving with unsaved changes asks first, the
 * document's text parts, deleting a draft, a copy that says what it could not copy, the comparison with
 * old → new values and the failing rules' reasons, and the programme list's search, links and counter.
 */
async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `programme-builder-${name}.png`), fullPage: true });
}

describe('programme builder in Chromium', () => {
  let harness: Harness;
  type Session = { cookie: string; csrf: string };
  let call: (session: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => Promise<any>;
  const sessions: Record<string, Session> = {};
  const one = async (sql: string) => Number((await harness.started.database.query<{ id: number }>(sql))[0]!.id);

  beforeAll(async () => {
    harness = await startHarness();
    call = async (session, method, url, payload) => {
      const response = await harness.started.fastify.inject({
        method,
        url,
        payload,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      });
      if (response.statusCode >= 400) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    for (const username of ['jiaowu', 'grouplead']) {
      const response = await harness.started.fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: demoPassword },
      });
      sessions[username] = {
        cookie: `sitong_session=${response.cookies.find((c) => c.name === 'sitong_session')!.value}`,
        csrf: response.json().csrfToken,
      };
    }
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('finds a draft by search, asks before the side menu leaves unsaved changes, saves the text parts and deletes the draft', async () => {
    const majorId = await one("SELECT id FROM majors WHERE code = '430401' AND institution_id = 1");
    const draft = await call(sessions.grouplead!, 'POST', '/api/programmes', { majorId, cohortYear: 2027, graduationCredits: 148 });
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'grouplead');
    const menu = page.getByTestId('side-menu');
    await menu.getByText('培养方案', { exact: true }).click();
    await page.waitForURL('**/programmes');
    const table = page.getByTestId('programmes-table');
    await table.getByText('钢铁智能冶金技术专业2025级人才培养方案').waitFor();

    // The counter says how many are ticked out of the two a comparison takes.
    const compare = page.getByTestId('compare-selected');
    expect(await compare.textContent()).toContain('已选 0/2');
    await table.locator('tr', { hasText: '钢铁智能冶金技术专业2025级人才培养方案' }).locator('.ant-table-selection-column input').check();
    await expect.poll(() => compare.textContent()).toContain('已选 1/2');
    expect(await compare.isDisabled()).toBe(true);
    await screenshot(page, 'list');

    // Search by name, major code or cohort: only the new draft is left; its name is a link.
    await page.getByTestId('programme-search').fill('2027');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const link = page.getByTestId(`programme-link-${draft.id}`);
    expect(await link.evaluate((element) => element.tagName)).toBe('A');
    expect(await link.getAttribute('href')).toBe(`/programmes/${draft.id}`);
    expect(await link.evaluate((element) => getComputedStyle(element).cursor)).toBe('pointer');
    await page.getByTestId('programme-search').fill('430401 不存在');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(0);
    await page.getByTestId('programme-search').fill('钢铁智能冶金技术专业2027');
    await link.click();
    await page.waitForURL(`**/programmes/${draft.id}`);
    await expect.poll(() => page.getByTestId('programme-name').textContent()).toBe('钢铁智能冶金技术专业2027级人才培养方案');

    // An unsaved change, then the side menu: the builder asks, and staying keeps the change.
    await page.getByTestId('graduation-credits').fill('150');
    await page.getByTestId('unsaved').waitFor();
    await menu.getByText('培养方案', { exact: true }).click();
    const dialog = page.locator('.ant-modal', { hasText: '有未保存的修改' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('对“钢铁智能冶金技术专业2027级人才培养方案”未保存的修改将丢失');
    expect(page.url()).toContain(`/programmes/${draft.id}`);
    await screenshot(page, 'leave-dialog');
    await dialog.getByTestId('leave-stay').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toContain(`/programmes/${draft.id}`);
    expect(await page.getByTestId('graduation-credits').inputValue()).toBe('150');

    // Leaving without saving drops the change.
    await menu.getByText('课程池', { exact: true }).click();
    await dialog.waitFor();
    await dialog.getByTestId('leave-discard').click();
    await page.waitForURL('**/courses');
    expect((await call(sessions.grouplead!, 'GET', `/api/programmes/${draft.id}`)).graduationCredits).toBe(148);

    // The text parts: 培养目标 written in the builder, then "save and leave" from the dialog.
    await page.goto(`/programmes/${draft.id}`);
    await page.getByTestId('tab-texts').click();
    const texts = page.getByTestId('programme-texts');
    await texts.waitFor();
    expect(await page.getByTestId('text-studyDuration').inputValue()).toContain('基本修业年限 3 年');
    await page.getByTestId('text-objective').fill('培养面向钢铁冶炼一线、能迁移、敢革新的准工匠。');
    await page.getByTestId('unsaved').waitFor();
    await screenshot(page, 'texts');
    await menu.getByText('培养方案', { exact: true }).click();
    await dialog.waitFor();
    await dialog.getByTestId('leave-save').click();
    await page.waitForURL('**/programmes');
    expect((await call(sessions.grouplead!, 'GET', `/api/programmes/${draft.id}`)).texts.objective).toBe(
      '培养面向钢铁冶炼一线、能迁移、敢革新的准工匠。',
    );

    // A saved builder leaves without asking; its author deletes the draft.
    await page.goto(`/programmes/${draft.id}`);
    await page.getByTestId('programme-name').waitFor();
    await page.getByTestId('delete-programme').click();
    await page.getByTestId('delete-programme-ok').click();
    await page.waitForURL('**/programmes');
    expect(await page.locator('.ant-modal', { hasText: '有未保存的修改' }).count()).toBe(0);
    await expect
      .poll(async () => (await harness.started.database.query(`SELECT id FROM programmes WHERE id = ${draft.id}`)).length)
      .toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('copying to a new cohort lists the retired course with its proposed replacement and the newer version, then reports it', async () => {
    // YJ-304 is retired and YJ-305 takes its place in the pool.
    const yj304 = await one("SELECT id FROM courses WHERE code = 'YJ-304'");
    const groupYJ = await one("SELECT id FROM professional_groups WHERE code = 'YJ'");
    await call(sessions.jiaowu!, 'POST', `/api/courses/${yj304}/retire`);
    await call(sessions.jiaowu!, 'POST', '/api/courses', {
      code: 'YJ-305',
      name: '智能冶金新工艺',
      nameEn: 'New Processes in Smart Metallurgy',
      credits: 4,
      theoryHours: 32,
      practiceHours: 32,
      assessment: 'exam',
      layer: 'core',
      moduleType: 'professional',
      ownerGroupId: groupYJ,
      publish: true,
    });
    const source = await one(
      "SELECT id FROM programmes WHERE cohort_year = 2024 AND major_id = (SELECT id FROM majors WHERE code = '430401' AND institution_id = 1)",
    );
    const before = (await call(sessions.grouplead!, 'GET', `/api/programmes/${source}`)).check.metrics.totalCredits;

    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'grouplead');
    await page.goto(`/programmes/${source}`);
    await page.getByTestId('copy-programme').click();
    const modal = page.locator('.ant-modal', { hasText: '复制到新年级' });
    await modal.getByTestId('copy-cohort').fill('2026');
    await modal.getByTestId('copy-check').click();
    const preview = modal.getByTestId('copy-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('复制为：钢铁智能冶金技术专业2026级人才培养方案');
    expect(await preview.textContent()).toContain('以下 2 门课程不能原样复制');

    // The retired course: the replacement is proposed and already chosen, so the credits stay.
    const retired = modal.getByTestId('copy-issue-YJ-304');
    expect(await retired.textContent()).toContain('已停用');
    await expect.poll(() => modal.getByTestId('copy-replacement-YJ-304').textContent()).toContain('YJ-305 智能冶金新工艺');
    await expect.poll(() => modal.getByTestId('copy-credits').textContent()).toBe(`总学分 ${before} → ${before}`);
    // The newer version: its changes, old → new.
    const revised = modal.getByTestId('copy-issue-GX-107');
    expect(await revised.textContent()).toContain('有新版本 v1 → v2');
    expect(await revised.getByTestId('change-theoryHours').textContent()).toBe('理论学时 64 → 56');
    expect(await revised.getByTestId('change-certificateCodes').textContent()).toBe('对应证书 — → IM-P');
    await screenshot(page, 'copy-preview');

    // Leaving the retired course out: the credits drop by its 4 and the copy says so.
    await retired.getByText('不复制').click();
    await expect.poll(() => modal.getByTestId('copy-credits').textContent()).toBe(`总学分 ${before} → ${before - 4}`);
    await modal.getByTestId('copy-ok').click();
    await page.waitForURL(/\/programmes\/\d+$/);
    await expect.poll(() => page.getByTestId('programme-name').textContent()).toBe('钢铁智能冶金技术专业2026级人才培养方案');
    const report = page.getByTestId('copy-report');
    await report.waitFor();
    expect(await report.textContent()).toContain(`总学分 ${before} → ${before - 4}`);
    expect(await report.getByTestId('copy-report-YJ-304').textContent()).toBe('YJ-304 冶金环境监测（4 学分）已停用，未复制');
    expect(await report.getByTestId('copy-report-GX-107').textContent()).toBe('GX-107 智能制造导论 改用第 2 版（原为第 1 版）');
    await screenshot(page, 'copy-report');
    expect(pageErrors).toEqual([]);
  });

  it('compares with whole names in the selectors, old → new values per field and the failing rules’ reasons', async () => {
    const majorId = await one("SELECT id FROM majors WHERE code = '430401' AND institution_id = 1");
    const empty = await call(sessions.grouplead!, 'POST', '/api/programmes', { majorId, cohortYear: 2031, graduationCredits: 148 });
    const published = await one(`SELECT id FROM programmes WHERE major_id = ${majorId} AND cohort_year = 2025`);
    const older = await one(`SELECT id FROM programmes WHERE major_id = ${majorId} AND cohort_year = 2024`);

    for (const language of ['zh-CN', 'en']) {
      const { page } = await harness.newPage();
      await page.addInitScript((lang) => localStorage.setItem('sitong.language', lang), language);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await login(page, 'grouplead');
      await page.goto(`/programmes/compare?left=${older}&right=${published}`);
      await page.getByTestId('comparison').waitFor();

      // Each selector shows the programme's whole name: nothing of it lies outside the box.
      for (const [side, name] of [
        ['left', '钢铁智能冶金技术专业2024级人才培养方案'],
        ['right', '钢铁智能冶金技术专业2025级人才培养方案'],
      ] as const) {
        const select = page.getByTestId(`compare-${side}`);
        const label = select.locator(`span[title="${name}"]`);
        await label.waitFor();
        expect(await label.textContent()).toContain(name);
        const fits = await label.evaluate((element) => {
          const box = element.closest('.ant-select')!.getBoundingClientRect();
          const text = element.querySelector('span')!.getBoundingClientRect();
          return text.left >= box.left && text.right <= box.right;
        });
        expect(fits, `${side} (${language})`).toBe(true);
      }

      // GX-107: each changed field with its old and new value.
      const gx107 = page.getByTestId('compare-rows').locator('tr', { hasText: 'GX-107' });
      expect(await gx107.getByTestId('change-versionNo').textContent()).toBe(
        language === 'en' ? 'Course version v1 → v2' : '课程版本 v1 → v2',
      );
      expect(await gx107.getByTestId('change-theoryHours').textContent()).toBe(
        language === 'en' ? 'Theory hours 64 → 56' : '理论学时 64 → 56',
      );
      await screenshot(page, `compare-${language}`);

      // Against an empty draft: the rules it fails, each with its reason.
      await page.goto(`/programmes/compare?left=${published}&right=${empty.id}`);
      const failures = page.getByTestId(`failures-${empty.id}`);
      await failures.waitFor();
      expect(await failures.getByTestId('failure-shared_course_count').textContent()).toContain(
        language === 'en' ? 'Shared platform needs 8 courses' : '底层共享课程需 8 门',
      );
      expect(await page.getByTestId(`failures-${published}`).count()).toBe(0);
      await screenshot(page, `compare-failures-${language}`);
      expect(pageErrors).toEqual([]);
    }
  });

  it('reads in English: the builder’s tabs, the text parts and the leave dialog', async () => {
    const majorId = await one("SELECT id FROM majors WHERE code = '430401' AND institution_id = 1");
    const draft = await call(sessions.grouplead!, 'POST', '/api/programmes', { majorId, cohortYear: 2032, graduationCredits: 148 });
    const { page } = await harness.newPage();
    await page.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(page, 'grouplead');
    await page.goto(`/programmes/${draft.id}`);
    await page.getByTestId('tab-texts').click();
    expect(await page.getByTestId('programme-texts').textContent()).toContain('Graduate profile — qualities');
    await page.getByTestId('text-quality').fill('(1) Craftsmanship');
    await page.getByTestId('side-menu').getByText('Programmes', { exact: true }).click();
    const dialog = page.locator('.ant-modal', { hasText: 'Unsaved changes' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('your unsaved changes to');
    expect(await dialog.getByTestId('leave-save').textContent()).toBe('Save and leave');
    await screenshot(page, 'leave-dialog-en');
    await dialog.getByTestId('leave-stay').click();
    await page.getByTestId('delete-programme').click();
    await page.getByTestId('delete-programme-ok').click();
    // The draft goes, unsaved changes and all, without asking again.
    await page.waitForURL('**/programmes');
  });
});
