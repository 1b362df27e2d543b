import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  // E2E_SCREENSHOTS=1 writes full-page screenshots to .tmp/ for looking at the layout.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `courses-${name}.png`), fullPage: true });
}

/** The open dropdown of an antd Select. */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** Opens a Select, optionally types to search, and clicks the option containing `optionText`. */
async function pick(page: Page, select: Locator, optionText: string, search?: string) {
  await select.click();
  if (search) await page.keyboard.type(search);
  await openDropdown(page).locator('.ant-select-item-option', { hasText: optionText }).first().click();
}

/** Adds pool courses to the builder in one go, placed in one term. */
async function addCourses(page: Page, codes: string[], term: number, elective: boolean) {
  const select = page.getByTestId('pool-select');
  await select.click();
  for (const code of codes) {
    await page.keyboard.type(code);
    // Under load the dropdown can lag behind the typing: wait for the option, then for the chosen tag.
    const option = openDropdown(page).locator('.ant-select-item-option', { hasText: code }).first();
    await option.waitFor();
    await option.click();
    await expect.poll(() => select.textContent(), { timeout: 15_000 }).toContain(code);
  }
  await page.keyboard.press('Escape');
  await pick(page, page.getByTestId('add-term'), `第 ${term} 学期`);
  await page.getByTestId('add-elective').setChecked(elective);
  await page.getByTestId('add-courses').click();
  for (const code of codes) await page.getByTestId(`term-card-${term}`).getByTestId(`item-${code}`).waitFor({ timeout: 60_000 });
}

describe('courses module in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('a group lead builds a programme: the live rule panel and the submit refusal name the missing cross-group credits', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'grouplead');

    const menu = page.getByTestId('side-menu');
    await menu.getByText('培养方案', { exact: true }).click();
    await page.waitForURL('**/programmes');
    await page.getByTestId('programmes-table').getByText('钢铁智能冶金技术专业2025级人才培养方案').waitFor();

    // New programme: major 430401, cohort 2027, 148 graduation credits (16 of them from cross-group electives).
    await page.getByTestId('new-programme').click();
    const modal = page.locator('.ant-modal', { hasText: '新建培养方案' });
    await pick(page, modal.getByTestId('new-programme-major'), '430401 钢铁智能冶金技术', '430401');
    await modal.getByTestId('new-programme-cohort').fill('2027');
    await modal.getByTestId('new-programme-credits').fill('148');
    await modal.getByTestId('new-programme-ok').click();
    await page.waitForURL(/\/programmes\/\d+$/);
    await expect.poll(() => page.getByTestId('programme-name').textContent()).toBe('钢铁智能冶金技术专业2027级人才培养方案');
    expect(await page.getByTestId('programme-status').textContent()).toBe('草稿');

    // The empty programme breaks the rules; the panel says so in Chinese.
    const panel = page.getByTestId('rule-panel');
    await expect.poll(() => panel.getByTestId('rule-summary').getAttribute('data-passed')).toBe('false');
    expect(await panel.getByTestId('rule-message-shared_course_count').textContent()).toContain('底层共享课程需 8 门');

    // The 9 shared-platform courses and the group's core, direction and practice courses, term by term.
    await addCourses(page, ['GX-101', 'GX-102', 'GX-104', 'GX-108'], 1, false);
    await addCourses(page, ['GX-103', 'GX-105', 'GX-106'], 2, false);
    await addCourses(page, ['GX-107', 'GX-109', 'YJ-201', 'YJ-202'], 3, false);
    await addCourses(page, ['YJ-203', 'YJ-204', 'YJ-205', 'YJ-301', 'YJ-302'], 4, false);
    await addCourses(page, ['YJ-303', 'YJ-304', 'YJ-501', 'YJ-502', 'YJ-503'], 5, false);
    await addCourses(page, ['YJ-504'], 6, false);
    await expect.poll(() => panel.getByTestId('rule-shared_course_count').getAttribute('data-status')).toBe('ok');
    await expect.poll(() => panel.getByTestId('rule-core_credits').getAttribute('data-status')).toBe('ok');

    // Only three other-group extension courses (12 credits) as the cross-group electives.
    await addCourses(page, ['KZ-401', 'KZ-402', 'HL-401'], 4, true);
    const crossGroup = panel.getByTestId('rule-cross_group_extension_credits');
    await expect.poll(() => panel.getByTestId('rule-message-cross_group_extension_credits').textContent()).toContain('还差 4 学分');
    expect(await crossGroup.getAttribute('data-status')).toBe('missing');
    expect(await panel.getByTestId('rule-message-cross_group_extension_credits').textContent()).toContain('跨群拓展课程需 16 学分');
    await screenshot(page, 'builder-missing');

    // Submitting is refused, with the server's reason.
    await page.getByTestId('submit-programme').click();
    const refusal = page.getByTestId('action-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('不能提交');
    expect(await refusal.textContent()).toContain('跨群拓展课程需 16 学分');
    expect(await refusal.textContent()).toContain('还差 4 学分');
    expect(await page.getByTestId('programme-status').textContent()).toBe('草稿');

    // A fourth other-group extension course: every rule passes, save and submit.
    await addCourses(page, ['HL-402'], 5, true);
    await expect.poll(() => crossGroup.getAttribute('data-status')).toBe('ok');
    await expect.poll(() => panel.getByTestId('rule-summary').getAttribute('data-passed')).toBe('true');
    expect(await panel.getByTestId('rule-message-cross_group_extension_credits').textContent()).toContain('跨群拓展课程 16 学分');
    await page.getByTestId('save-programme').click();
    await page.getByTestId('unsaved').waitFor({ state: 'detached' });
    await page.getByTestId('submit-programme').click();
    await expect.poll(() => page.getByTestId('programme-status').textContent()).toBe('已提交待审');
    expect(await page.getByTestId('action-error').count()).toBe(0);
    expect(await page.getByTestId('submit-programme').count()).toBe(0);
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toMatch(/^\/api\/programmes\/\d+\/export\.xlsx\?lang=zh-CN$/);
    await screenshot(page, 'builder-submitted');

    // The list shows the new programme as submitted.
    await menu.getByText('培养方案', { exact: true }).click();
    const row = page.getByTestId('programmes-table').locator('tr', { hasText: '钢铁智能冶金技术专业2027级人才培养方案' });
    await expect.poll(() => row.textContent()).toContain('已提交待审');
    expect(pageErrors).toEqual([]);
  });

  it('a student selects a cross-group extension course and finds it in the weekly timetable', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'student');

    const menu = page.getByTestId('side-menu');
    await menu.getByText('选课', { exact: true }).click();
    await page.waitForURL('**/selection');
    const sections = page.getByTestId('selection-sections');
    const row = sections.getByTestId('section-KZ-401-01');
    await row.waitFor();
    expect(await row.getByTestId('cross-group').textContent()).toBe('跨群');
    expect(await row.getByTestId('seats-left').textContent()).toBe('余 30/30');

    // A double click is one selection: the button is disabled while the request is under way.
    await row.getByTestId('select-KZ-401-01').click({ clickCount: 2 });
    const answer = page.getByTestId('selection-answer');
    await expect.poll(() => answer.textContent()).toContain('选课成功');
    expect(await answer.getAttribute('data-kind')).toBe('success');
    await expect.poll(() => row.getByTestId('status-enrolled').count()).toBe(1);
    await expect.poll(() => row.getByTestId('seats-left').textContent()).toBe('余 29/30');
    const mine = page.getByTestId('my-enrolments');
    await mine.getByTestId('enrolment-KZ-401-01').waitFor();
    expect(await mine.locator('[data-testid^="enrolment-"]').count()).toBe(1);

    // Another section of the same course cannot be taken: disabled before any click, with the server's reason.
    const other = sections.getByTestId('section-KZ-401-02');
    await expect.poll(() => other.getByTestId('select-KZ-401-02').isDisabled()).toBe(true);
    expect(await other.getByTestId('blocked-reason').textContent()).toContain('智能产线集成');
    await screenshot(page, 'selection');

    // The timetable of the window's term shows the course on Thursday, periods 3–4.
    await menu.getByText('我的课表', { exact: true }).click();
    await page.waitForURL('**/timetable**');
    const grid = page.getByTestId('timetable-grid');
    const block = grid.getByTestId('timetable-block').filter({ hasText: '智能产线集成' });
    await block.waitFor();
    expect(await block.textContent()).toContain('KZ-401-01');
    // The block's cell lies under the 周四 header (spanned rows shift cell indexes, so compare positions).
    const header = await block.evaluate((element) => {
      const left = element.closest('td')!.getBoundingClientRect().left;
      const headers = [...element.closest('table')!.querySelectorAll('thead th')];
      return headers.find((th) => Math.abs(th.getBoundingClientRect().left - left) < 2)?.textContent ?? null;
    });
    expect(header).toBe('周四');
    await screenshot(page, 'timetable');

    // Progress per layer.
    await menu.getByText('学业进度', { exact: true }).click();
    await page.getByTestId('progress-shared').waitFor();
    expect(await page.getByTestId('progress-crossGroupExtension').textContent()).toContain('要求 16 学分');
    expect(pageErrors).toEqual([]);
  });

  it('academic affairs sees the pool, a version diff, a programme comparison and the selection roster', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'jiaowu');
    const menu = page.getByTestId('side-menu');

    // Course pool: filter by layer, open a course with two versions and see what changed.
    await menu.getByText('课程池', { exact: true }).click();
    await page.waitForURL('**/courses');
    await pick(page, page.getByTestId('layer-filter'), '底层共享');
    await expect.poll(() => page.getByTestId('courses-table').locator('tbody tr.ant-table-row').count()).toBe(9);
    await page.getByTestId('courses-table').locator('tr', { hasText: 'GX-107' }).click();
    const diff = page.getByTestId('course-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('理论学时');
    expect(await diff.textContent()).toContain('实践学时');
    expect(await page.getByTestId('course-versions').locator('tbody tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'course-drawer');
    await page.keyboard.press('Escape');

    // Programme comparison: 430401 cohort 2024 against 2025 differs in the version of 智能制造导论.
    await menu.getByText('培养方案', { exact: true }).click();
    await pick(page, page.getByTestId('programme-group-filter'), '钢铁智能冶金专业群');
    const table = page.getByTestId('programmes-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(16);
    for (const name of ['钢铁智能冶金技术专业2024级人才培养方案', '钢铁智能冶金技术专业2025级人才培养方案']) {
      await table.locator('tr', { hasText: name }).locator('.ant-table-selection-column input').check();
    }
    await page.getByTestId('compare-selected').click();
    await page.waitForURL('**/programmes/compare?**');
    await page.getByTestId('comparison').waitFor();
    expect(await page.getByTestId('count-changed').textContent()).toBe('调整 1');
    const changed = page.getByTestId('compare-rows').locator('tr', { hasText: 'GX-107' });
    expect(await changed.textContent()).toContain('课程版本');
    await screenshot(page, 'compare');

    // Selection windows: the first-come window and the roster of a section the student chose.
    await menu.getByText('选课管理', { exact: true }).click();
    await page.waitForURL('**/selection-windows');
    await page.getByTestId('windows-table').locator('tr', { hasText: '先到先得' }).first().click();
    await page.waitForURL(/\/selection-windows\/\d+$/);
    const sectionRow = page.getByTestId('window-sections').locator('tr', { hasText: 'KZ-401-01' });
    await sectionRow.waitFor();
    await sectionRow.getByTestId('roster-KZ-401-01').click();
    const roster = page.getByTestId('roster-enrolled');
    await roster.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await roster.textContent()).toContain('20244304010001');
    await screenshot(page, 'roster');
    expect(pageErrors).toEqual([]);
  });

  it('a teacher enters grades: a bad value is refused row by row, a good one is saved', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'teacher');
    await page.getByTestId('side-menu').getByText('成绩录入', { exact: true }).click();
    await page.waitForURL('**/grades**');
    await pick(page, page.getByTestId('grade-term'), '2026-2027-1');
    await pick(page, page.getByTestId('grade-section'), 'GX-107');
    const book = page.getByTestId('grade-book');
    const first = book.locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    const studentNo = (await first.locator('td').first().textContent())!.trim();
    const input = book.getByTestId(`grade-${studentNo}`);

    await input.fill('150');
    await page.getByTestId('save-grades').click();
    const errors = page.getByTestId('grade-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('150');
    expect(await errors.textContent()).toContain(studentNo);

    await input.fill('85');
    await page.getByTestId('save-grades').click();
    await errors.waitFor({ state: 'detached' });
    await expect.poll(() => first.textContent()).toContain('通过');
    expect(await page.getByTestId('download-grades').getAttribute('href')).toMatch(/^\/api\/sections\/\d+\/grades\.xlsx\?lang=zh-CN$/);
    await screenshot(page, 'grades');
    expect(pageErrors).toEqual([]);
  });
});
