/**
 * Every page in both languages on a common office screen (1366×768): no table header, menu item,
 * tab or card title cuts its text (scrollWidth against clientWidth), and none breaks a word across
 * lines ("Credit|s", "Require|d") or a Chinese label between its characters (组建/时间); English has
 * half-width punctuation ("Opens: ", not "Opens：").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, repoRoot, startHarness, type Harness } from './harness.ts';

const screen = { width: 1366, height: 768 };
const roles = ['admin', 'jiaowu', 'grouplead', 'teacher', 'student'] as const;

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `layout-${name}.png`), fullPage: false });
}

/** Labels whose text is cut or broken, as "where: text (why)". */
async function labelFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const selectors = [
      '.ant-table-thead th',
      '.ant-menu-title-content',
      '.ant-tabs-tab-btn',
      '.ant-card-head-title',
      '.ant-descriptions-item-label',
      '.ant-statistic-title',
      '.ant-segmented-item-label',
      '.ant-radio-button-wrapper',
      '.ant-btn > span:not(.ant-btn-icon)',
    ];
    const cjk = /[\u3400-\u9fff]/;
    const rectLines = (range: Range) => {
      const tops = new Set<number>();
      for (const rect of Array.from(range.getClientRects())) if (rect.width > 0.5) tops.add(Math.round(rect.top));
      return tops.size;
    };
    // In table cells Chinese may wrap between characters like running text, but no Latin word may break.
    const cells = Array.from(document.querySelectorAll<HTMLElement>('.ant-table-tbody td'));
    for (const element of [...Array.from(document.querySelectorAll<HTMLElement>(selectors.join(', '))), ...cells]) {
      const latinOnly = element.matches('td');
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      // A column's resize handle, a sorter or a filter icon is not text.
      const text = (element.innerText ?? '').trim();
      if (!text) continue;
      const where = `${element.className.toString().split(' ')[0]} “${text.slice(0, 40)}”`;
      // Cut off, or spilling over its neighbour: either way the label is not whole. The text is measured,
      // not the element's scrollWidth, which counts a fixed column's shadow as content.
      if (!latinOnly) {
        const range = document.createRange();
        range.selectNodeContents(element);
        const text = range.getBoundingClientRect();
        const style = getComputedStyle(element);
        const right = box.right - parseFloat(style.borderRightWidth) + 1;
        const left = box.left + parseFloat(style.borderLeftWidth) - 1;
        if (text.width > 0 && (text.right > right || text.left < left)) {
          faults.push(`${where} is cut (${Math.round(text.width)}px of text in ${Math.round(box.width)}px)`);
        }
      }
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        // Each Latin word and each run of Chinese characters must stay on one line (a compound may break at its hyphen).
        for (const match of value.matchAll(/[A-Za-z][A-Za-z'’]*|[\u3400-\u9fff]+/g)) {
          if (match[0].length < 2 || (latinOnly && cjk.test(match[0]))) continue;
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          if (rectLines(range) > 1) {
            faults.push(`${where} breaks ${cjk.test(match[0]) ? 'between the characters of' : 'inside the word'} “${match[0]}”`);
          }
        }
      }
    }
    return [...new Set(faults)];
  });
}

/** In English, full-width punctuation next to English words ("Opens：", "Exemption：HL-201"). */
async function fullWidthInEnglish(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...text.matchAll(/[A-Za-z0-9)\]][：；，]|[A-Za-z][（]|[：][A-Za-z]/g)].map((match) =>
    text.slice(Math.max(0, match.index - 20), match.index + 20).replace(/\s+/g, ' '),
  );
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

describe('every page at 1366×768 in both languages, in Chromium', () => {
  let harness: Harness;
  const visited = new Map<string, Set<string>>();

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`${language}: menus, table headers, tabs and titles are whole for every role's pages`, async () => {
      const faults: string[] = [];
      const seen = visited.get(language) ?? new Set<string>();
      visited.set(language, seen);
      const [programme] = await harness.started.database.query<{ id: number }>('SELECT id FROM programmes ORDER BY id LIMIT 1');
      const [window] = await harness.started.database.query<{ id: number }>('SELECT id FROM selection_windows ORDER BY id LIMIT 1');
      const detailPages = [`/programmes/${programme!.id}`, `/selection-windows/${window!.id}`];
      for (const role of roles) {
        const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: screen, locale: language });
        await context.addInitScript((value) => localStorage.setItem('sitong.language', value), language);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto('/login');
        faults.push(...(await labelFaults(page)).map((fault) => `/login: ${fault}`));
        await page.getByTestId('login-username').fill(role);
        await page.getByTestId('login-password').fill(demoPassword);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('side-menu').waitFor();
        // Every entry of the side menu (all groups are open), then the detail pages the role may open.
        const entries = await page.getByTestId('side-menu').locator('.ant-menu-item').count();
        expect(entries, role).toBeGreaterThan(2);
        const addresses: string[] = [];
        for (let index = 0; index < entries; index++) {
          await page.getByTestId('side-menu').locator('.ant-menu-item').nth(index).click();
          await settle(page);
          const address = new URL(page.url()).pathname;
          addresses.push(address);
          if (seen.has(address)) continue;
          seen.add(address);
          faults.push(...(await labelFaults(page)).map((fault) => `${role} ${address}: ${fault}`));
          if (language === 'en')
            faults.push(...(await fullWidthInEnglish(page)).map((found) => `${role} ${address}: full-width “${found}”`));
          await screenshot(page, `${language}${address.replace(/\//g, '_')}`);
        }
        if (role === 'jiaowu') {
          for (const address of detailPages) {
            await page.goto(address);
            await page.getByTestId('side-menu').waitFor();
            await settle(page);
            faults.push(...(await labelFaults(page)).map((fault) => `${role} ${address}: ${fault}`));
            if (language === 'en')
              faults.push(...(await fullWidthInEnglish(page)).map((found) => `${role} ${address}: full-width “${found}”`));
            await screenshot(page, `${language}${address.replace(/\//g, '_')}`);
          }
        }
        expect(new Set(addresses).size, `${role} opens a page per menu entry`).toBe(entries);
        await context.close();
      }
      expect(faults).toEqual([]);
    });
  }
});
