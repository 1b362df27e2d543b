/**
 * Elective selection as a student meets it (issue 12): what they hold is at the top, sections can be
 * filtered and grouped, seats read "29/30", sections they cannot take are disabled with the reason
 * before any click, a full section offers 候补 with the queue's length and the position moves on its
 * own; English shows the stored English names; the pages fit a phone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStudentSessions } from '../support/sessions.ts';
import { demoPassword, login, repoRoot, startHarness, type Harness } from './harness.ts';

const polling = { timeout: 20_000 };

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `selection-${name}.png`), fullPage: true });
}

describe('elective selection in Chromium', () => {
  let harness: Harness;
  /** An API call as a session (cookie and CSRF token), straight into the server. */
  let call: (session: { cookie: string; csrf: string }, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => Promise<any>;
  let jiaowu: { cookie: string; csrf: string };

  beforeAll(async () => {
    harness = await startHarness();
    call = async (session, method, url, payload) => {
      const response = await harness.started.fastify.inject({
        method,
        url,
        payload,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      });
      return response.json();
    };
    const response = await harness.started.fastify.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'jiaowu', password: demoPassword },
    });
    jiaowu = {
      cookie: `sitong_session=${response.cookies.find((c) => c.name === 'sitong_session')!.value}`,
      csrf: response.json().csrfToken,
    };
  });
  afterAll(async () => {
    await harness?.close();
  });

  const sectionId = async (code: string) =>
    Number((await harness.started.database.query<{ id: number }>('SELECT id FROM sections WHERE code = $1', [code]))[0]!.id);

  it('shows held places first, filters and groups sections, and disables what the student cannot take, with the reason', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'student');
    await page.goto('/selection');
    const sections = page.getByTestId('selection-sections');
    const card = (code: string) => sections.getByTestId(`section-${code}`);
    await card('KZ-401-01').waitFor();

    // 本学期我的选课 and the credits held come before the list of sections.
    const summary = page.locator('[data-testid^="term-summary-"]').first();
    expect(await summary.textContent()).toContain('本学期我的选课');
    expect(await summary.textContent()).toContain('2026-2027学年第二学期');
    expect(await page.getByTestId('held-credits').textContent()).toBe('已选 0 / 上限 12 学分');
    const summaryBottom = await summary.evaluate((element) => element.getBoundingClientRect().bottom);
    const listTop = await sections.evaluate((element) => element.getBoundingClientRect().top);
    expect(summaryBottom).toBeLessThan(listTop);

    // Seats as "left/capacity".
    expect(await card('KZ-401-01').getByTestId('seats-left').textContent()).toBe('余 30/30');

    // An own-group course is disabled up front, with the reason the selection would give.
    const own = card('YJ-401-01');
    expect(await own.getByTestId('select-YJ-401-01').isDisabled()).toBe(true);
    expect(await own.getByTestId('blocked-reason').textContent()).toBe('《绿色低碳冶金技术》是本专业群课程，不能作为跨群拓展课选修');

    // Filters: text, weekday, group; grouping by weekday.
    const total = await sections.locator('[data-testid^="section-"][data-availability]').count();
    expect(total).toBe(24);
    await page.getByPlaceholder('搜索课程代码或名称').fill('KZ-401');
    await expect.poll(() => sections.locator('[data-testid^="section-"][data-availability]').count()).toBe(2);
    expect(await page.getByTestId('sections-shown').textContent()).toBe('显示 2 / 24 个教学班');
    await page.getByPlaceholder('搜索课程代码或名称').fill('');
    await page.getByTestId('filter-selectable').click();
    await expect.poll(() => sections.locator('[data-availability="blocked"]').count()).toBe(0);
    await page.getByTestId('filter-selectable').click();
    await page.getByTestId('group-by').getByText('按星期').click();
    await sections.getByTestId('section-group-d4').waitFor();
    expect(await sections.getByTestId('section-group-d4').locator('h5').textContent()).toBe('周四');
    expect(await sections.getByTestId('section-group-d4').getByTestId('section-KZ-401-01').count()).toBe(1);
    await page.getByTestId('group-by').getByText('按课程').click();
    await screenshot(page, 'list-zh');

    // The select button has a name that says what it selects.
    const select = page.getByRole('button', { name: '选课：KZ-401-01 智能产线集成' });
    await select.click();
    await expect.poll(() => page.getByTestId('selection-answer').textContent()).toContain('选课成功');
    await page.getByTestId('my-enrolments').getByTestId('enrolment-KZ-401-01').waitFor();
    await expect.poll(() => page.getByTestId('held-credits').textContent()).toBe('已选 4 / 上限 12 学分');
    await expect.poll(() => card('KZ-401-01').getByTestId('seats-left').textContent()).toBe('余 29/30');

    // The other section of the course is now disabled with the reason: no click needed to learn it.
    const other = card('KZ-401-02');
    await expect.poll(() => other.getAttribute('data-availability')).toBe('blocked');
    expect(await other.getByTestId('select-KZ-401-02').isDisabled()).toBe(true);
    expect(await other.getByTestId('blocked-reason').textContent()).toContain('智能产线集成');
    expect(pageErrors).toEqual([]);
  });

  it('offers 候补 on a full section with the queue’s length, and the waitlisted student sees their place move', async () => {
    const target = await sectionId('HL-404-02');
    expect((await call(jiaowu, 'PATCH', `/api/sections/${target}`, { capacity: 1 })).capacity).toBe(1);
    const others = await harness.started.database.query<{ id: number }>(
      `SELECT s.id FROM students s JOIN majors m ON m.id = s.major_id JOIN professional_groups g ON g.id = m.group_id
       WHERE s.cohort_year = 2025 AND g.code = 'KZ' AND s.status = 'enrolled' ORDER BY s.id LIMIT 2`,
    );
    const [first, second] = (
      await seedStudentSessions(
        harness.started.database.query.bind(harness.started.database),
        others.map((row) => Number(row.id)),
      )
    ).map((session) => ({ cookie: session.cookie, csrf: session.csrfToken }));
    expect((await call(first!, 'POST', '/api/me/selections', { sectionId: target, requestId: crypto.randomUUID() })).outcome).toBe(
      'enrolled',
    );
    expect((await call(second!, 'POST', '/api/me/selections', { sectionId: target, requestId: crypto.randomUUID() })).position).toBe(1);

    const { page } = await harness.newPage();
    await login(page, 'student');
    await page.goto('/selection');
    const card = page.getByTestId('selection-sections').getByTestId('section-HL-404-02');
    await card.waitFor();
    expect(await card.getByTestId('seats-left').textContent()).toBe('余 0/1');
    const join = card.getByTestId('select-HL-404-02');
    expect(await join.textContent()).toBe('候补（排队 1 人）');
    expect(await join.getAttribute('aria-label')).toBe('加入候补：HL-404-02 工业数据可视化');
    await join.click();
    const place = page.getByTestId('my-enrolments').getByTestId('enrolment-HL-404-02');
    await place.waitFor(polling);
    expect(await place.getByTestId('status-waitlisted').textContent()).toBe('候补第 2 位');

    // The one ahead leaves the queue: the page shows the new place without a reload.
    expect((await call(second!, 'POST', '/api/me/selections/drop', { sectionId: target, requestId: crypto.randomUUID() })).outcome).toBe(
      'left_waitlist',
    );
    await expect.poll(() => place.getByTestId('status-waitlisted').textContent(), polling).toBe('候补第 1 位');
    await screenshot(page, 'waitlist-zh');
  });

  it('in English uses the stored English course names and gives the reasons in English', async () => {
    const { context, page } = await harness.newPage({ locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(page, 'student');
    await page.goto('/selection');
    const sections = page.getByTestId('selection-sections');
    await sections.getByTestId('section-KZ-401-01').waitFor();
    expect(await sections.getByTestId('section-group-KZ-401').locator('h5').textContent()).toBe('KZ-401 Smart Production Lines');
    expect(await sections.getByTestId('section-KZ-401-01').getByTestId('seats-left').textContent()).toBe('29/30 free');
    expect(await sections.getByTestId('section-YJ-401-01').getByTestId('blocked-reason').textContent()).toBe(
      'Low-carbon Metallurgy belongs to your own group; it does not count as a cross-group elective',
    );
    expect(await page.getByTestId('my-enrolments').getByTestId('enrolment-KZ-401-01').textContent()).toContain('Smart Production Lines');
    // No Chinese course name is left (room names are Chinese data): look at the course headings and,
    // grouped by weekday, at the cards' titles.
    const headings = await sections.locator('h5').allTextContents();
    expect(headings).toHaveLength(12);
    expect(headings.filter((title) => /[\u4e00-\u9fff]/.test(title))).toEqual([]);
    await page.getByTestId('group-by').getByText('Weekday').click();
    await sections.getByTestId('section-group-d1').waitFor();
    const titles = await sections.locator('[data-availability] strong').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(24);
    expect(titles.filter((title) => /[\u4e00-\u9fff]/.test(title))).toEqual([]);
    await screenshot(page, 'list-en');
  });
});
