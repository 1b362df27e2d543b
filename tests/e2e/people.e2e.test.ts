// Organisation and people in Chromium, both languages, at 1366×768: the org page shows the whole institution
// (every department and all 29 majors of 表 1-1, not only the cluster tree); an institution without a cluster
// is told what to do there and on the pages that need one; the student and teacher lists filter by status,
// export the filtered list, keep each row on one line so that a page of 20 fits the screen, and the student
// drawer shows the ID number and phone masked until a click reveals one (audited).
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../support/xlsx.ts';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

const screen = { width: 1366, height: 768 };

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, `people-${name}.png`), fullPage: true });
}

async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** The rows of a table: each one line high, and the 20 of a page together within one screen's height. */
async function rowHeights(table: Locator): Promise<{ rows: number[]; header: number; wrapped: string[]; clippedHeaders: string[] }> {
  return table.evaluate((element) => {
    const rows = Array.from(element.querySelectorAll('tbody tr.ant-table-row')).map((row) => row.getBoundingClientRect().height);
    const header = element.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    // A text that wraps has its pieces on more than one line.
    const wrapped: string[] = [];
    for (const cell of Array.from(element.querySelectorAll('tbody tr.ant-table-row td'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = Array.from(range.getClientRects()).map((rect) => rect.top);
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 4) wrapped.push((node.textContent ?? '').trim());
      }
    }
    const clippedHeaders = Array.from(element.querySelectorAll('thead th'))
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => (cell.textContent ?? '').trim());
    return { rows, header, wrapped, clippedHeaders };
  });
}

describe('organisation and people in Chromium', () => {
  let harness: Harness;
  const sql = <T>(text: string) => harness.started.database.query<T>(text);
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  for (const language of ['zh-CN', 'en'] as const) {
    const zh = language === 'zh-CN';

    it(`${language}: the org page shows every department with all 29 majors; one outside the cluster opens its details`, async () => {
      const { page } = await harness.newPage({ locale: zh ? 'zh-CN' : 'en-US' });
      await page.addInitScript((lang) => localStorage.setItem('sitong.language', lang), language);
      await page.setViewportSize(screen);
      await login(page, 'jiaowu');
      await page.goto('/org');
      const institution = page.getByTestId('institution');
      await institution.getByTestId('institution-major-460609').waitFor();
      expect(await institution.locator('[data-testid^="institution-major-"]').count()).toBe(29);
      expect(await institution.locator('[data-testid^="institution-department-"]').count()).toBe(6);
      await institution.getByTestId('institution-department-TTXQ').waitFor();
      await institution.getByTestId('institution-major-630502').waitFor();
      expect(await page.getByTestId('institution-counts').textContent()).toBe(
        zh ? '6 个系部 · 29 个专业，其中 15 个在专业群中' : '6 departments · 29 majors, 15 of them in professional groups',
      );
      await institution.getByTestId('institution-major-460609').click();
      await page
        .getByTestId('major-descriptions')
        .getByText(zh ? '无人机应用技术' : '无人机应用技术')
        .first()
        .waitFor();
      await page
        .getByTestId('major-descriptions')
        .getByText(zh ? '未加入专业群' : 'In no group')
        .waitFor();
      // A major of the cluster still opens in its group.
      await institution.getByTestId('institution-major-430401').click();
      await page.getByTestId('major-descriptions').getByText('钢铁智能冶金专业群').waitFor();
      await screenshot(page, `org-${language}`);
    });

    it(`${language}: an institution without a cluster is told what to do, on the org page and on pages that need one`, async () => {
      const { page } = await harness.newPage({ locale: zh ? 'zh-CN' : 'en-US' });
      await page.addInitScript((lang) => localStorage.setItem('sitong.language', lang), language);
      await page.setViewportSize(screen);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await login(page, 'jishi');
      await page.goto('/org');
      await page.getByTestId('no-cluster').waitFor();
      await page.getByTestId('tree-empty').waitFor();
      expect(await page.getByText(zh ? '请在左侧选择' : 'Select a cluster, group or major on the left').count()).toBe(0);
      expect(await page.getByTestId('no-cluster').textContent()).toContain(zh ? '新建专业集群' : 'Create the cluster');
      // The whole institution is there all the same: its department and both majors.
      await page.getByTestId('institution-major-630401').waitFor();
      expect(await page.locator('[data-testid^="institution-major-"]').count()).toBe(2);
      await screenshot(page, `org-no-cluster-${language}`);
      await page.getByTestId('no-cluster-create').click();
      await page.getByTestId('org-form-code').waitFor();
      await screenshot(page, `org-no-cluster-create-${language}`);
      await page.keyboard.press('Escape');

      for (const address of [
        '/courses',
        '/programmes',
        '/programmes/compare',
        '/creditbank/rules',
        '/creditbank/certificates',
        '/indicators',
      ]) {
        await page.goto(address);
        await page.getByTestId('needs-cluster').waitFor();
        expect(await page.getByText(zh ? '找不到专业集群' : 'No professional cluster with id').count(), address).toBe(0);
        expect(await page.getByRole('button', { name: zh ? /新建/ : /^(\+ )?New/ }).count(), address).toBe(0);
        if (address === '/programmes') await screenshot(page, `needs-cluster-${language}`);
      }
      await page.getByTestId('needs-cluster-go').click();
      await page.waitForURL('**/org');
      await page.getByTestId('no-cluster').waitFor();
      expect(errors).toEqual([]);
    });

    it(`${language}: the student list filters by status, fits 20 one-line rows on the screen, exports the filter, and reveals on a click`, async () => {
      const { page } = await harness.newPage({ locale: zh ? 'zh-CN' : 'en-US' });
      await page.addInitScript((lang) => localStorage.setItem('sitong.language', lang), language);
      await page.setViewportSize(screen);
      await login(page, 'jiaowu');
      await page.goto('/students');
      const table = page.getByTestId('students-table');
      await table.locator('tbody tr.ant-table-row').nth(19).waitFor();
      const { rows, header, wrapped, clippedHeaders } = await rowHeights(table);
      expect(rows).toHaveLength(20);
      expect(wrapped).toEqual([]);
      expect(clippedHeaders).toEqual([]);
      expect(Math.max(...rows)).toBeLessThanOrEqual(36);
      expect(header + rows.reduce((sum, height) => sum + height, 0)).toBeLessThanOrEqual(screen.height);
      expect(
        await table.evaluate((element) => element.querySelector('.ant-table-content, .ant-table-body')!.scrollWidth),
      ).toBeLessThanOrEqual(await table.evaluate((element) => element.querySelector('.ant-table-content, .ant-table-body')!.clientWidth));
      await page
        .getByTestId('students-export')
        .getByText(zh ? /^导出全部（\d+ 人）$/ : /^Export all \(\d+\)$/)
        .waitFor();
      await screenshot(page, `students-${language}`);

      // 学籍状态: only the suspended students, and the export holds exactly them.
      const [{ n: suspended }] = await sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM students WHERE status = 'suspended' AND institution_id = (SELECT id FROM institutions WHERE code = 'TJPC')",
      );
      expect(suspended).toBeGreaterThan(0);
      await pick(page, page.getByTestId('student-status-filter'), zh ? '休学' : 'Suspended');
      await page
        .getByTestId('students-export')
        .getByText(zh ? `导出筛选结果（${suspended} 人）` : `Export the filtered list (${suspended})`)
        .waitFor();
      const statusCells = await table.locator('tbody tr.ant-table-row td:nth-child(7)').allTextContents();
      expect(statusCells).toHaveLength(suspended);
      expect(new Set(statusCells)).toEqual(new Set([zh ? '休学' : 'Suspended']));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('students-export').click()]);
      const sheet = await readXlsx(fs.readFileSync((await download.path())!));
      expect(sheet).toHaveLength(suspended + 1);
      expect(sheet[0]![0]).toBe(zh ? '学号' : 'Student no.');
      expect(new Set(sheet.slice(1).map((row) => row[7]))).toEqual(new Set([zh ? '休学' : 'Suspended']));

      // The drawer: masked on opening; a click reveals the ID number alone, and the look is audited.
      const firstNo = (await table.locator('tbody tr.ant-table-row').first().locator('td').first().textContent())!.trim();
      await table.locator('tbody tr.ant-table-row').first().click();
      const idNumber = page.getByTestId('pii-idNumber');
      await idNumber.waitFor();
      expect(await idNumber.textContent()).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(await page.getByTestId('pii-phone').textContent()).toMatch(/^(\d{3}\*{4}\d{4}|—)$/);
      await screenshot(page, `student-drawer-${language}`);
      const [{ id: studentId }] = await sql<{ id: number }>(`SELECT id FROM students WHERE student_no = '${firstNo}'`);
      const reveals = async () =>
        (
          await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.reveal' AND entity_id = '${studentId}'`)
        )[0]!.n;
      const before = await reveals();
      await page.getByTestId('reveal-idNumber').click();
      await page
        .getByTestId('pii-idNumber')
        .getByText(/^\d{17}[\dX]$/)
        .waitFor();
      expect(await page.getByTestId('pii-phone').textContent()).toMatch(/^(\d{3}\*{4}\d{4}|—)$/);
      expect(await reveals()).toBe(before + 1);
      const [audit] = await sql<{ after: { field: string } }>(
        `SELECT after FROM audit_log WHERE action = 'person.reveal' AND entity_id = '${studentId}' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit!.after.field).toBe('idNumber');
      await screenshot(page, `student-revealed-${language}`);
    });

    it(`${language}: the teacher list filters by status and 双师型, fits 20 one-line rows, exports the filter`, async () => {
      const { page } = await harness.newPage({ locale: zh ? 'zh-CN' : 'en-US' });
      await page.addInitScript((lang) => localStorage.setItem('sitong.language', lang), language);
      await page.setViewportSize(screen);
      await login(page, 'jiaowu');
      await page.goto('/teachers');
      const table = page.getByTestId('teachers-table');
      await table.locator('tbody tr.ant-table-row').nth(19).waitFor();
      const { rows, header, wrapped, clippedHeaders } = await rowHeights(table);
      expect(rows).toHaveLength(20);
      expect(wrapped).toEqual([]);
      expect(clippedHeaders).toEqual([]);
      expect(
        await table.evaluate((element) => element.querySelector('.ant-table-content, .ant-table-body')!.scrollWidth),
      ).toBeLessThanOrEqual(await table.evaluate((element) => element.querySelector('.ant-table-content, .ant-table-body')!.clientWidth));
      expect(header + rows.reduce((sum, height) => sum + height, 0)).toBeLessThanOrEqual(screen.height);
      await screenshot(page, `teachers-${language}`);
      await pick(page, page.getByTestId('teacher-dual-filter'), zh ? '双师型 · 否' : 'Dual-qualified · No');
      const [{ n: notDual }] = await sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM teachers WHERE NOT is_dual_qualified AND institution_id = (SELECT id FROM institutions WHERE code = 'TJPC')",
      );
      await page
        .getByTestId('teachers-export')
        .getByText(zh ? `导出筛选结果（${notDual} 人）` : `Export the filtered list (${notDual})`)
        .waitFor();
      await pick(page, page.getByTestId('teacher-status-filter'), zh ? '在职' : 'Active');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('teachers-export').click()]);
      const sheet = await readXlsx(fs.readFileSync((await download.path())!));
      expect(sheet.length - 1).toBeGreaterThan(0);
      expect(new Set(sheet.slice(1).map((row) => row[4]))).toEqual(new Set([zh ? '否' : 'No']));
      expect(new Set(sheet.slice(1).map((row) => row[7]))).toEqual(new Set([zh ? '在职' : 'Active']));
    });
  }
});
