/**
 * Elective selection as a student meets it (issue 12): what they hold is at the top, sections can be
 * filtered and grouped, seats read "29/30", sections they cannot take are disabled with the reason
 * before any click, a full section offers 候补 with the queue's length and the position moves on its
 * own; English shows the stored English names; the pages fit a phone.
 */
import crypto from 'node:crypto';
import ICAL from 'ical.js';
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

  it('我的课表 shows the whole term with the period timetable’s times, names the terms in full and exports an .ics', async () => {
    const { page } = await harness.newPage();
    await login(page, 'student');
    await page.goto('/timetable');
    await page.waitForURL(/termId=\d+/);
    const term = page.getByTestId('timetable-term');
    await expect.poll(() => term.textContent()).toBe('2026-2027学年第二学期');
    expect(await page.getByTestId('programme-term').textContent()).toBe('培养方案第 6 学期');
    // The whole name fits: nothing cut off with an ellipsis.
    const cut = await term.evaluate((element) =>
      [...element.querySelectorAll('*')].some(
        (child) => child.scrollWidth > child.clientWidth + 1 && getComputedStyle(child).textOverflow === 'ellipsis',
      ),
    );
    expect(cut).toBe(false);
    await term.click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect.poll(() => options.count()).toBe(6);
    expect(await options.first().textContent()).toBe('2024-2025学年第一学期（第 1 学期）');
    await page.keyboard.press('Escape');

    const grid = page.getByTestId('timetable-grid');
    await grid.waitFor();
    expect(await grid.getByTestId('period-time').first().textContent()).toBe('08:00–08:45');
    const block = grid.getByTestId('timetable-block').filter({ hasText: '智能产线集成' });
    expect(await block.textContent()).toContain('10:00–11:40');
    expect(await page.getByTestId('timetable-unscheduled').getByTestId('unscheduled-YJ-504').textContent()).toContain('岗位实习');
    expect(await page.getByTestId('timetable-item-KZ-401-01').getByTestId('kind-elective').count()).toBe(1);
    await screenshot(page, 'timetable-zh');

    // The .ics the button gives is read by an independent parser: KZ-401-01 every Thursday of weeks 1–16.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ics').click()]);
    expect(download.suggestedFilename()).toBe('timetable-2026-2027-2.ics');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const kz = events.find((event) => event.summary === '智能产线集成（KZ-401-01）')!;
    expect(kz.startDate.toJSDate().toISOString()).toBe('2027-02-25T02:00:00.000Z');
    let count = 0;
    const iterator = kz.iterator();
    while (iterator.next()) count += 1;
    expect(count).toBe(16);

    // Another term of the programme: the class's required courses of the first term.
    await term.click();
    await page.locator('.ant-select-item-option', { hasText: '2024-2025学年第一学期' }).click();
    await expect.poll(() => page.locator('[data-testid^="timetable-item-"] [data-testid="kind-required"]').count()).toBe(4);
    expect(await page.getByTestId('timetable-unscheduled').count()).toBe(0);
  });

  it('学业进度 shows the courses under way and what each layer still requires', async () => {
    const { page } = await harness.newPage();
    await login(page, 'student');
    await page.goto('/progress');
    await page.getByTestId('progress-crossGroupExtension').waitFor();
    expect(await page.getByTestId('remaining-crossGroupExtension').textContent()).toBe('在修 4 · 还需 16 学分');
    expect(await page.getByTestId('in-progress').getByTestId('in-progress-KZ-401').textContent()).toContain('智能产线集成');
    // A waitlisted place is not under way.
    expect(await page.getByTestId('in-progress').getByTestId('in-progress-HL-404').count()).toBe(0);
    const practice = page.getByTestId('outstanding-core').getByTestId('outstanding-YJ-504');
    expect(await practice.textContent()).toContain('岗位实习');
    expect(await practice.textContent()).toContain('第 6 学期');
    expect(await page.getByTestId('cross-group-remaining').textContent()).toContain('还需 16 学分');
    await screenshot(page, 'progress-zh');
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`fits a phone (390×844, touch): no sideways scrolling, 44 px targets, the timetable as a list of days (${language})`, async () => {
      const context = await harness.browser.newContext({
        baseURL: harness.baseUrl,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: language,
      });
      await context.addInitScript((chosen) => localStorage.setItem('sitong.language', chosen), language);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      try {
        await login(page, 'student');
        for (const address of ['/selection', '/timetable', '/progress']) {
          await page.goto(address);
          await page
            .locator('[data-testid="selection-sections"], [data-testid="timetable-days"], [data-testid="earned-credits"]')
            .first()
            .waitFor();
          await page.waitForLoadState('networkidle');
          const faults = await page.evaluate(() => {
            const found: string[] = [];
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth + 1) found.push(`page ${root.scrollWidth}px wide`);
            const content = document.querySelector('main') ?? document.body;
            for (const element of Array.from(content.querySelectorAll('*'))) {
              const box = element.getBoundingClientRect();
              if (box.width === 0 || box.height === 0) continue;
              const style = getComputedStyle(element);
              if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1)
                found.push(`${element.className} scrolls sideways`);
              if (box.right > root.clientWidth + 1)
                found.push(`${element.tagName} ${element.className} sticks out (${Math.round(box.right)})`);
            }
            for (const control of Array.from(
              content.querySelectorAll('button, .ant-select, .ant-input-affix-wrapper, .ant-checkbox-wrapper, a.ant-btn'),
            )) {
              const box = control.getBoundingClientRect();
              if (box.width === 0 || box.height === 0 || control.closest('[aria-hidden="true"]')) continue;
              if (getComputedStyle(control).visibility === 'hidden') continue;
              if (box.height < 43.5 || box.width < 43.5)
                found.push(
                  `${control.getAttribute('data-testid') ?? control.textContent?.slice(0, 20)} is ${Math.round(box.width)}×${Math.round(box.height)}`,
                );
            }
            return [...new Set(found)];
          });
          expect(faults, `${address} (${language})`).toEqual([]);
          await screenshot(page, `phone${address.replace('/', '-')}-${language}`);
        }
        // On a phone the week is a list of days, not a grid.
        await page.goto('/timetable');
        await page.getByTestId('timetable-days').waitFor();
        expect(await page.getByTestId('timetable-grid').count()).toBe(0);
        expect(await page.getByTestId('timetable-day-4').textContent()).toContain('10:00–11:40');
        // The term's whole name fits the selector on the phone too.
        const term = page.getByTestId('timetable-term');
        expect(await term.textContent()).toBe(language === 'en' ? '2026-2027, term 2' : '2026-2027学年第二学期');
        const cut = await term.evaluate((element) =>
          [...element.querySelectorAll('*')].some(
            (child) => child.scrollWidth > child.clientWidth + 1 && getComputedStyle(child).textOverflow === 'ellipsis',
          ),
        );
        expect(cut).toBe(false);
      } finally {
        await context.close();
      }
    });
  }
});
