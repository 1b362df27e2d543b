import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  // E2E_SCREENSHOTS=1 writes full-page screenshots to .tmp/ for looking at the layout.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `indicators-${name}.png`), fullPage: true });
}

const foundation = 'courses.shared_foundation_ratio';

/** Waits until the open popover has finished its zoom-in (for a screenshot that shows it). */
async function popoverSettled(page: Page) {
  await expect
    .poll(() => page.locator('.ant-popover:not(.ant-popover-hidden)').evaluate((element) => getComputedStyle(element).opacity))
    .toBe('1');
}

describe('the indicators page in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    // What the scheduler does at a new install's first tick (the harness does not start the scheduler).
    const { finished } = await harness.started.context.jobs.runNow('platform.indicators_compute', null);
    expect((await finished).status).toBe('succeeded');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the scheduled values with their time, a legend of the tags, the 计算口径 in a popover, and recomputes', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await login(page, 'advisor');
    await page.goto('/indicators');

    // The legend names each level tag and says what the band tags are.
    const legend = page.getByTestId('level-legend');
    await legend.waitFor();
    for (const level of ['met', 'yellow', 'orange', 'red']) await legend.getByTestId(`legend-${level}`).waitFor();
    expect(await legend.textContent()).toContain('达到黄色阈值（金色标签）');
    expect(await legend.textContent()).toContain('定时任务每小时计算');

    // The scheduler's value, with the time it was computed and by whom.
    const value = page.getByTestId(`value-${foundation}`);
    await value.locator('.ant-tag').waitFor();
    expect(await value.textContent()).toMatch(/%/);
    const computedAt = page.getByTestId(`computed-at-${foundation}`);
    expect(await computedAt.textContent()).toMatch(/^计算于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（定时任务）$/);
    // The long 计算口径 is not on the page until its popover is opened.
    expect(await page.getByText('分母是方案总学分').count()).toBe(0);
    await page.getByTestId(`definition-${foundation}`).click();
    const definition = page.getByTestId(`definition-text-${foundation}`);
    await definition.waitFor();
    expect(await definition.textContent()).toContain('÷ 方案总学分（必修学分 + 须修选修学分）');
    expect(await definition.textContent()).toMatch(/本次计算：[\d.]+ ÷ [\d.]+/);
    await popoverSettled(page);
    await screenshot(page, 'zh');
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    await definition.waitFor({ state: 'hidden' });

    // An advisory-committee member recomputes (no per-indicator compute button for them).
    expect(await page.getByTestId(`compute-${foundation}`).count()).toBe(0);
    await page.getByTestId('recompute').click();
    await page
      .locator('.ant-message')
      .getByText(/已重新计算 \d+ 项指标/)
      .waitFor();
    await expect.poll(() => computedAt.textContent()).toMatch(/（手动）$/);
    expect(pageErrors).toEqual([]);
  });

  it('is in English in English mode: section titles, legend, 计算口径 and the computed time', async () => {
    const { page } = await harness.newPage({ locale: 'en-GB' });
    await page.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(page, 'jiaowu');
    await page.goto('/indicators');
    await page.getByTestId('level-legend').waitFor();
    const titles = await page.locator('[data-testid^="dimension-"] > .ant-card-head .ant-card-head-title').allTextContents();
    expect(titles).toEqual([
      'Connected course system',
      'Shared training bases',
      'Circulating four-ability teachers',
      'Mutually recognised certificates',
    ]);
    expect(await page.getByTestId('level-legend').textContent()).toContain('Misses the target but meets the yellow threshold (gold tag)');
    expect(await page.getByTestId(`computed-at-${foundation}`).textContent()).toMatch(
      /^Computed \d{4}-\d{2}-\d{2} \d{2}:\d{2} \((scheduled|by hand)\)$/,
    );
    await page.getByTestId(`definition-${foundation}`).click();
    const definition = page.getByTestId(`definition-text-${foundation}`);
    await definition.waitFor();
    expect(await definition.textContent()).toContain('÷ the programme’s total credits');
    expect(await definition.textContent()).not.toMatch(/[\u4e00-\u9fff]{2}/);
    await popoverSettled(page);
    await screenshot(page, 'en');
  });
});
