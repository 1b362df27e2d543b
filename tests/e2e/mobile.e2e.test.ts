/**
 * A student on a phone (390×844, touch, as inside 企业微信 or 微信): the menu is a drawer, every
 * student page fits the screen without horizontal scrolling, and every control is a 44 px touch
 * target. The walk selects a course and submits a credit-bank claim by tapping.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, repoRoot, startHarness, type Harness } from './harness.ts';

const polling = { timeout: 15_000 };
const phone = { width: 390, height: 844 };
const studentPages = ['/', '/me', '/selection', '/timetable', '/progress', '/creditbank/me', '/inbox', '/settings/notifications'];

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `mobile-${name}.png`), fullPage: true });
}

/**
 * What is wrong with the layout as a phone user meets it: the page or any part of it scrolls
 * sideways, something sticks out of the screen, or a control is smaller than 44×44 px. Links inside
 * running text are exempt (WCAG 2.5.8 inline exception).
 */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) faults.push(`the page is ${root.scrollWidth}px wide on a ${root.clientWidth}px screen`);
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[${element.getAttribute('data-testid')}]` : ''} “${(element.textContent ?? '').trim().slice(0, 30)}”`;
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      const style = getComputedStyle(element);
      return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
    };
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      if (!shown(element)) continue;
      const style = getComputedStyle(element);
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        faults.push(`${describe(element)} scrolls sideways (${element.scrollWidth}px in ${element.clientWidth}px)`);
      }
    }
    const controls = document.querySelectorAll(
      [
        'button',
        'a[href]',
        '[role="button"]',
        '[role="tab"]',
        '[role="menuitem"]',
        '.ant-select',
        '.ant-picker',
        '.ant-segmented-item',
        '.ant-pagination-item',
        '.ant-checkbox-wrapper',
        '.ant-radio-wrapper',
        '.ant-input-affix-wrapper',
        'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="file"])',
        'textarea',
      ].join(', '),
    );
    for (const element of Array.from(controls)) {
      if (!shown(element)) continue;
      // Parts of a control measured as the whole (the search box inside a select, the input inside a picker).
      if (element.matches('input') && element.closest('.ant-select, .ant-picker, .ant-input-affix-wrapper, .ant-input-number')) continue;
      if (element.matches('a') && !element.matches('.ant-btn') && getComputedStyle(element).display === 'inline') continue;
      if (element.closest('[aria-hidden="true"]')) continue;
      const box = element.getBoundingClientRect();
      if (box.right > root.clientWidth + 1 || box.left < -1) faults.push(`${describe(element)} sticks out of the screen`);
      if (box.height < 43.5 || box.width < 43.5)
        faults.push(`${describe(element)} is ${Math.round(box.width)}×${Math.round(box.height)}px`);
    }
    return [...new Set(faults)];
  });
}

async function expectFitsPhone(page: Page, where: string) {
  // Give lazy pages their data before measuring.
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  expect(await layoutFaults(page), where).toEqual([]);
}

async function openFromDrawer(page: Page, label: string) {
  await page.getByTestId('menu-button').tap();
  const drawer = page.getByTestId('side-menu');
  await drawer.waitFor();
  const menuWidth = await drawer.evaluate((element) => element.getBoundingClientRect().width);
  expect(menuWidth).toBeLessThanOrEqual(phone.width * 0.82 + 1);
  await drawer.getByText(label, { exact: true }).tap();
  await drawer.waitFor({ state: 'hidden' });
}

async function tapPick(page: Page, select: Locator, option: Locator | string) {
  await select.tap();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await (
    typeof option === 'string'
      ? dropdown.locator('.ant-select-item-option', { hasText: option }).first()
      : dropdown.locator('.ant-select-item-option').filter({ has: option }).first()
  ).tap();
}

describe('a student on a phone, in Chromium', () => {
  let harness: Harness;
  let context: BrowserContext;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await context?.close();
    await harness?.close();
  });

  const phoneContext = (language: 'zh-CN' | 'en') =>
    harness.browser.newContext({
      baseURL: harness.baseUrl,
      viewport: phone,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: language,
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1',
    });

  it('signs in, selects a course and submits a claim by tapping; every student page fits the screen with 44 px targets', async () => {
    context = await phoneContext('zh-CN');
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    await expectFitsPhone(page, 'login');
    await screenshot(page, 'login-zh');
    await page.getByTestId('login-username').tap();
    await page.getByTestId('login-username').fill('student');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('menu-button').waitFor();
    // No side menu on a phone: it only comes out of the drawer.
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    await expectFitsPhone(page, 'workbench');
    await screenshot(page, 'workbench-zh');

    await page.getByTestId('menu-button').tap();
    await page.getByTestId('side-menu').waitFor();
    // The drawer slides in; let it arrive before the picture.
    await page.waitForTimeout(400);
    await screenshot(page, 'drawer-zh');
    await page.mouse.click(phone.width - 10, phone.height / 2);
    await page.getByTestId('side-menu').waitFor({ state: 'hidden' });

    // Select a course: the first section the page offers.
    await openFromDrawer(page, '选课');
    await page.waitForURL('**/selection');
    const offered = page.locator('button[data-testid^="select-"]:not([disabled])').first();
    await offered.waitFor();
    const code = (await offered.getAttribute('data-testid'))!.replace(/^select-/, '');
    await expectFitsPhone(page, 'selection');
    await screenshot(page, 'selection-zh');
    await offered.tap();
    const confirm = page.locator('.ant-popconfirm, .ant-modal-confirm').locator('button.ant-btn-primary');
    if (await confirm.count()) await confirm.first().tap();
    await page.locator(`[data-testid="enrolment-${code}"]`).first().waitFor(polling);
    await expectFitsPhone(page, 'selection after selecting');

    // Submit a claim: a certificate of the student's own choice, with a certificate number.
    await openFromDrawer(page, '我的学分银行');
    await page.waitForURL('**/creditbank/me');
    await page.getByTestId('new-claim').waitFor();
    await expectFitsPhone(page, 'credit bank');
    await screenshot(page, 'creditbank-zh');
    await page.getByTestId('new-claim').tap();
    const modal = page.locator('.ant-modal', { hasText: '提交学分认定申请' });
    await modal.waitFor();
    await tapPick(page, modal.getByTestId('claim-certificate'), page.locator('[data-testid^="certificate-option-"]').first());
    await tapPick(page, modal.getByTestId('claim-level'), page.locator('[data-testid^="level-option-"]').first());
    await modal.getByTestId('claim-certificate-no').fill('PHONE-0001');
    await modal.getByTestId('claim-evidence-note').fill('手机拍照上传');
    await expectFitsPhone(page, 'claim form');
    await screenshot(page, 'claim-form-zh');
    await page.getByTestId('claim-submit').tap();
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('[data-testid="claim-row-PHONE-0001"]').count(), polling).toBeGreaterThan(0);
    await expectFitsPhone(page, 'credit bank with the claim');

    for (const address of studentPages) {
      await page.goto(address);
      await page.getByTestId('menu-button').waitFor();
      await expectFitsPhone(page, address);
      await screenshot(page, `page${address.replace(/\//g, '_')}-zh`);
    }
    expect(pageErrors).toEqual([]);
  });

  it('in English the same pages fit the phone', async () => {
    await context?.close();
    context = await phoneContext('en');
    await context.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    await expectFitsPhone(page, 'login (en)');
    await page.getByTestId('login-username').fill('student');
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('menu-button').waitFor();
    for (const address of studentPages) {
      await page.goto(address);
      await page.getByTestId('menu-button').waitFor();
      await expectFitsPhone(page, `${address} (en)`);
      await screenshot(page, `page${address.replace(/\//g, '_')}-en`);
    }
  });
});
