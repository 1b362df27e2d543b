import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import PDFDocument from 'pdfkit';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../server/modules/org/rules.ts';
import { makeXlsx } from '../support/xlsx.ts';
import { demoPassword, login, repoRoot, startHarness, type Harness } from './harness.ts';

async function screenshot(page: Page, name: string) {
  // E2E_SCREENSHOTS=1 writes full-page screenshots to .tmp/ for looking at the layout.
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `creditbank-${name}.png`), fullPage: true });
}

/** Pages load lazily and ask the server: give them time. */
const polling = { timeout: 15_000 };

/** The open dropdown of an antd Select. */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

async function pick(page: Page, select: Locator, option: Locator | string) {
  await select.click();
  const dropdown = openDropdown(page);
  await (
    typeof option === 'string'
      ? dropdown.locator('.ant-select-item-option', { hasText: option }).first()
      : dropdown.locator('.ant-select-item-option').filter({ has: option }).first()
  ).click();
}

/**
 * Picks until the select shows `shows`: under load a click can land while the dropdown is still opening
 * and choose nothing, and a dropdown still closing lies over the field below it.
 */
async function pickUntil(page: Page, select: Locator, option: Locator | string, shows: string) {
  await expect
    .poll(async () => {
      if ((await select.textContent())?.includes(shows)) return true;
      await expect.poll(() => openDropdown(page).count(), polling).toBe(0);
      await pick(page, select, option).catch(() => undefined);
      // Nothing chosen and the dropdown still open: close it by its select (Escape would close the dialog).
      await page.waitForTimeout(300);
      if ((await openDropdown(page).count()) > 0 && !(await select.textContent())?.includes(shows))
        await select.click().catch(() => undefined);
      return false;
    }, polling)
    .toBe(true);
  await expect.poll(() => openDropdown(page).count(), polling).toBe(0);
}

// A 1×1 PNG: the evidence photo of the first claim.
const evidencePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A one-page PDF with a black band across it: the scan of the certificate, which the reviewer must see drawn. */
function evidencePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.rect(40, 120, 340, 160).fill('#000000');
  doc.end();
  return done;
}

/** Opens the claim form and picks a certificate and level (the form asks the server at once whether it is already claimed). */
async function openClaimForm(page: Page, certificate: { code: string; name: string }, level = '中级') {
  await page.getByTestId('new-claim').click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('claim-form') });
  await modal.waitFor();
  await pickUntil(
    page,
    modal.getByTestId('claim-certificate'),
    page.getByTestId(`certificate-option-${certificate.code}`),
    certificate.code,
  );
  await pickUntil(page, modal.getByTestId('claim-level'), level, level);
  return modal;
}

/** Submits a cross-group certificate claim through the form; the modal stays open on a refusal. */
async function submitCertificateClaim(
  page: Page,
  certificate: { code: string; name: string },
  certificateNo: string,
  evidence: Array<{ name: string; mimeType: string; buffer: Buffer }> = [],
) {
  const modal = await openClaimForm(page, certificate);
  await modal.getByTestId('claim-certificate-no').fill(certificateNo);
  await modal.getByTestId('claim-evidence-note').fill('证书查询网站核验截图已上传');
  for (const file of evidence) {
    await modal.locator('input[type="file"]').setInputFiles(file);
    // Uploaded and kept by the server before the claim goes.
    await modal.locator('.ant-upload-list-item-done', { hasText: file.name }).waitFor();
  }
  await page.getByTestId('claim-submit').click();
  return modal;
}

/** The QR code on the first page of a PDF, as pdftoppm renders it, decoded by jsQR. */
function qrOfPdf(file: string): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-transcript-'));
  try {
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')]);
    const image = fs.readFileSync(path.join(dir, 'page.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = image.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let index = 0; index < width * height; index += 1) {
      rgba[index * 4] = rgba[index * 4 + 1] = rgba[index * 4 + 2] = pixels[index]!;
      rgba[index * 4 + 3] = 255;
    }
    return jsQR(rgba, width, height)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What is wrong with a page as a phone user meets it (as the mobile walk measures it): the page or a part of
 * it scrolls sideways, a control sticks out of the screen or is smaller than 44×44 px (links in running text
 * are exempt).
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
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1)
        faults.push(`${describe(element)} scrolls sideways (${element.scrollWidth}px in ${element.clientWidth}px)`);
    }
    const controls = document.querySelectorAll(
      'button, a[href], [role="button"], [role="tab"], [role="menuitem"], .ant-select, .ant-picker, .ant-segmented-item, .ant-pagination-item, .ant-checkbox-wrapper, .ant-radio-wrapper, .ant-input-affix-wrapper, input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="file"]), textarea',
    );
    for (const element of Array.from(controls)) {
      if (!shown(element)) continue;
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
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  expect(await layoutFaults(page), where).toEqual([]);
}

/** Taps a select open and an option until the select shows `shows` (under load a tap can land while the dropdown opens). */
async function tapPick(page: Page, select: Locator, option: Locator, shows: string) {
  await expect
    .poll(async () => {
      if ((await select.textContent())?.includes(shows)) return true;
      // A dropdown still closing lies over the fields below it: a tap meant for this field would land on it.
      await expect.poll(() => openDropdown(page).count(), polling).toBe(0);
      await select.tap();
      const choice = openDropdown(page).locator('.ant-select-item-option').filter({ has: option }).first();
      await choice.waitFor({ timeout: 3_000 }).catch(() => undefined);
      await page.waitForTimeout(200);
      await choice.tap({ timeout: 3_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      if ((await openDropdown(page).count()) > 0 && !(await select.textContent())?.includes(shows))
        await select.tap().catch(() => undefined);
      return false;
    }, polling)
    .toBe(true);
  await expect.poll(() => openDropdown(page).count(), polling).toBe(0);
}

/** Dark pixels on a canvas: a PDF page that was really drawn (a blank canvas has none). */
const darkPixels = (canvas: Locator) =>
  canvas.evaluate((element) => {
    const node = element as HTMLCanvasElement;
    const data = node.getContext('2d')!.getImageData(0, 0, node.width, node.height).data;
    let dark = 0;
    for (let index = 0; index < data.length; index += 4) if (data[index]! < 64 && data[index + 3]! > 200) dark += 1;
    return dark;
  });

/** An antd InputNumber's input, whether the test id sits on the input or on its wrapper. */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/**
 * Takes a review step from the queue: the step's button, then the confirmation (for a grant, the dialog
 * that states the credits and the ledger category; they are returned).
 */
async function reviewStep(page: Page, status: string, certificateNo: string, action: 'verify' | 'grant') {
  await page.getByTestId(`filter-${status}`).click();
  const row = page.getByTestId(`review-row-${certificateNo}`);
  await row.waitFor();
  await row.locator(`button[data-testid^="claim-${action}-"]`).click();
  let statement: { credits: string | null; category: string | null; text: string | null } | null = null;
  if (action === 'grant') {
    const shown = page.getByTestId('grant-statement');
    await shown.waitFor();
    statement = {
      credits: await shown.getAttribute('data-credits'),
      category: await shown.getAttribute('data-category'),
      text: await shown.textContent(),
    };
  }
  await page.getByTestId(`confirm-${action}`).click();
  await expect.poll(() => page.getByTestId(`review-row-${certificateNo}`).count(), polling).toBe(0);
  return statement;
}

describe('credit bank in Chromium', () => {
  let harness: Harness;
  let certificate: { code: string; name: string };

  beforeAll(async () => {
    harness = await startHarness();
    // A certificate of another group than the demo student's (跨群证书: 中级 4 credits under the default rules).
    const [row] = await harness.started.database.query<{ code: string; name: string }>(`
      SELECT c.code, c.name FROM certificates c
      WHERE c.owner_group_id IS NOT NULL AND 'intermediate' = ANY (c.levels)
        AND c.owner_group_id <> (SELECT m.group_id FROM users u JOIN students s ON s.id = u.student_id JOIN majors m ON m.id = s.major_id WHERE u.username = 'student')
      ORDER BY c.code LIMIT 1`);
    certificate = row!;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('a student claims a cross-group certificate with a photo and a PDF scan; 教务 sees both in place and verifies; as verifier cannot grant it; another reviewer grants what the confirmation states; the stage and the transcript follow', async () => {
    const { page: student } = await harness.newPage();
    const pageErrors: string[] = [];
    student.on('pageerror', (error) => pageErrors.push(error.message));
    await login(student, 'student');
    await student.getByTestId('side-menu').getByText('我的学分银行', { exact: true }).click();
    await student.waitForURL('**/creditbank/me');
    await student.getByTestId('pathway-card').waitFor();
    await expect.poll(() => student.getByTestId('balance-certificate').textContent(), polling).toContain('0.0');
    // In no stage yet: the text says so and no step is highlighted (before, step 1 was).
    await expect.poll(() => student.getByTestId('pathway-current').textContent(), polling).toContain('尚未进入');
    const steps = student.getByTestId('pathway-steps');
    expect(await steps.locator('.ant-steps-item-process').count()).toBe(0);
    expect(await steps.locator('[data-current="true"]').count()).toBe(0);
    expect(await student.getByTestId('stage-junior_apprentice').getAttribute('data-status')).toBe('wait');

    const pdf = await evidencePdf();
    const modal = await submitCertificateClaim(student, certificate, 'E2E-CB-0001', [
      { name: '证书照片.png', mimeType: 'image/png', buffer: evidencePng },
      { name: '证书扫描件.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await modal.waitFor({ state: 'hidden' });
    const claimRow = student.getByTestId('claim-row-E2E-CB-0001');
    await claimRow.waitFor();
    expect(await claimRow.getByTestId('claim-status').textContent()).toBe('已提交');
    expect(await claimRow.textContent()).toContain(certificate.name);
    await screenshot(student, 'student-submitted');

    // 教务 opens the claim: the photo and every page of the PDF are shown in the drawer, not only linked.
    const { page: jiaowu } = await harness.newPage();
    await login(jiaowu, 'jiaowu');
    await jiaowu.getByTestId('side-menu').getByText('学分认定审核', { exact: true }).click();
    await jiaowu.waitForURL('**/creditbank/claims');
    await jiaowu.getByTestId('filter-submitted').click();
    const submittedRow = jiaowu.getByTestId('review-row-E2E-CB-0001');
    await submittedRow.locator('[data-testid^="claim-open-"]').click();
    const drawer = jiaowu.getByTestId('claim-drawer');
    const photo = drawer
      .getByTestId('claim-evidence')
      .locator('img[data-testid="attachment-image"], [data-testid="attachment-image"] img')
      .first();
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((image) => (image as HTMLImageElement).naturalWidth), polling).toBe(1);
    const page1 = drawer.locator('canvas[data-testid="pdf-page"][data-rendered="true"]');
    await page1.first().waitFor(polling);
    expect(await page1.count()).toBe(1);
    expect(await darkPixels(page1.first())).toBeGreaterThan(1000);
    await screenshot(jiaowu, 'review-evidence');
    await drawer.locator('[data-testid^="claim-verify-"]').click();
    await jiaowu.getByTestId('confirm-verify').click();
    await drawer.waitFor({ state: 'hidden' });

    // Four eyes: the one who verified it finds the grant closed to them, with the reason.
    await jiaowu.getByTestId('filter-verified').click();
    const verifiedRow = jiaowu.getByTestId('review-row-E2E-CB-0001');
    await verifiedRow.waitFor();
    const blockedGrant = verifiedRow.locator('button[data-testid^="claim-grant-"]');
    expect(await blockedGrant.getAttribute('data-blocked')).toBe('true');
    expect(await blockedGrant.isDisabled()).toBe(true);
    expect(await jiaowu.getByTestId('four-eyes-note').textContent()).toContain('四眼原则');

    // Another reviewer grants it: the confirmation states the credits and the ledger category first.
    const { page: admin } = await harness.newPage();
    await login(admin, 'admin');
    await admin.goto('/creditbank/claims');
    const statement = await reviewStep(admin, 'verified', 'E2E-CB-0001', 'grant');
    expect(statement).toMatchObject({ credits: '4', category: 'certificate' });
    expect(statement!.text).toContain('证书学分 4 学分');
    expect(statement!.text).toContain('跨群证书按等级置换 4 学分');
    await admin.getByTestId('filter-granted').click();
    const granted = admin.getByTestId('review-row-E2E-CB-0001');
    await granted.waitFor();
    expect(await granted.getByTestId('claim-status').textContent()).toBe('已认定');
    await screenshot(admin, 'review-granted');
    // The kind filter: competitions only hides the certificate; certificates shows it again.
    await pick(admin, admin.getByTestId('claim-kind-filter'), admin.getByTestId('kind-competition'));
    await expect.poll(() => admin.getByTestId('review-row-E2E-CB-0001').count(), polling).toBe(0);
    await pick(admin, admin.getByTestId('claim-kind-filter'), admin.getByTestId('kind-certificate'));
    await admin.getByTestId('review-row-E2E-CB-0001').waitFor();

    // The student reloads: 4 credits from the certificate, a grant in the ledger, the claim granted.
    await student.reload();
    await expect.poll(() => student.getByTestId('balance-certificate').textContent(), polling).toContain('4.0');
    await expect
      .poll(() => student.getByTestId('conversion-allowance').textContent(), polling)
      .toMatch(/已置换 4 学分，上限 \d+(\.5)? 学分/);
    expect(await student.getByTestId('claim-row-E2E-CB-0001').getByTestId('claim-status').textContent()).toBe('已认定');
    // 初级学徒 now (中职学历 and a certificate of 初级 or above): that stage is the highlighted one, the next is not.
    await expect.poll(() => student.getByTestId('pathway-current').textContent(), polling).toContain('初级学徒');
    expect(await steps.locator('.ant-steps-item-process').count()).toBe(1);
    expect(await steps.locator('.ant-steps-item-process').textContent()).toContain('初级学徒');
    expect(await student.getByTestId('stage-junior_apprentice').getAttribute('data-status')).toBe('process');
    expect(await student.getByTestId('stage-intermediate_apprentice').getAttribute('data-status')).toBe('wait');
    await student.getByTestId('tab-ledger').click();
    const ledgerRow = student.getByTestId('my-ledger').locator('tr.ant-table-row', { hasText: certificate.name });
    await ledgerRow.waitFor();
    expect(await ledgerRow.textContent()).toContain('登记');
    expect(await ledgerRow.getByTestId('ledger-credits').textContent()).toBe('+4');

    // The transcript: the certificate with its level; its verifiable credential is issued and downloaded.
    await student.getByTestId('tab-transcript').click();
    const transcriptRow = student.getByTestId('my-transcript').locator('tr.ant-table-row', { hasText: certificate.name });
    await transcriptRow.waitFor();
    expect(await transcriptRow.getByTestId('transcript-result').textContent()).toBe('中级');
    const [download] = await Promise.all([
      student.waitForEvent('download'),
      transcriptRow.locator('[data-testid^="credential-issue-"]').click(),
    ]);
    const credential = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { type: string[] };
    expect(credential.type).toContain('OpenBadgeCredential');
    await transcriptRow.locator('[data-testid^="credential-download-"]').waitFor();
    await screenshot(student, 'student-granted');

    // The PDF transcript: an independent reader finds the student and the certificate's level in it, and its QR
    // code opens /verify, which checks every credential printed on it (valid, all of them).
    const [pdfDownload] = await Promise.all([student.waitForEvent('download'), student.getByTestId('transcript-pdf').click()]);
    expect(pdfDownload.suggestedFilename()).toMatch(/学分成绩单\.pdf$/);
    const pdfFile = (await pdfDownload.path())!;
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString('utf8');
    const [me] = await harness.started.database.query<{ name: string; student_no: string }>(
      "SELECT s.name, s.student_no FROM students s JOIN users u ON u.student_id = s.id WHERE u.username = 'student'",
    );
    expect(text).toContain(me!.name);
    expect(text).toContain(me!.student_no);
    expect(text).toContain('中级');
    const address = new URL(qrOfPdf(pdfFile)!);
    expect(address.pathname).toBe('/verify');
    // PUBLIC_URL is the test server's default address; the same path and token on the harness's port.
    const { page: verifier } = await harness.newPage();
    await verifier.goto(`${address.pathname}${address.search}`);
    const check = verifier.getByTestId('transcript-check');
    await check.waitFor(polling);
    const items = await verifier.getByTestId('transcript-check-item').count();
    expect(items).toBeGreaterThan(0);
    expect(Number(await check.getAttribute('data-valid'))).toBe(items);
    expect(await verifier.getByTestId('transcript-check-summary').textContent()).toContain(`共 ${items} 项证明`);
    await screenshot(verifier, 'transcript-verified');

    // The same certificate at the same level again, with another number: the form says so as soon as the level is
    // picked, before anything is submitted, and does not submit.
    const again = await openClaimForm(student, certificate);
    const duplicate = again.getByTestId('claim-duplicate');
    await duplicate.waitFor(polling);
    expect(await duplicate.textContent()).toContain('同一证书同一等级只认定一次');
    expect(await duplicate.textContent()).toContain('E2E-CB-0001');
    expect(await student.getByTestId('claim-submit').isDisabled()).toBe(true);
    await screenshot(student, 'claim-duplicate');
    // Another level of it is another outcome: the warning goes.
    await pickUntil(student, again.getByTestId('claim-level'), '高级', '高级');
    await expect.poll(() => again.getByTestId('claim-duplicate').count(), polling).toBe(0);
    await student.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  });

  it('in English, the duplicate warning, the grant confirmation and the stepper speak English', async () => {
    const { context, page } = await harness.newPage({ locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('sitong.language', 'en'));
    await login(page, 'student');
    await page.goto('/creditbank/me');
    await page.getByTestId('pathway-card').waitFor();
    await expect.poll(() => page.getByTestId('stage-you-are-here').textContent(), polling).toBe('You are here');
    const modal = await openClaimForm(page, certificate, 'Intermediate');
    await modal.getByTestId('claim-duplicate').waitFor(polling);
    expect(await modal.getByTestId('claim-duplicate').textContent()).toContain('A certificate counts once per level');
    await screenshot(page, 'claim-duplicate-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-transcript').click();
    await page.getByTestId('my-transcript').locator('tr.ant-table-row').first().waitFor();
    await screenshot(page, 'transcript-en');
  });

  it('the student’s credit bank fits a phone (390×844, touch): cards instead of tables, no sideways scrolling, 44 px targets', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const context: BrowserContext = await harness.browser.newContext({
        baseURL: harness.baseUrl,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: language,
        acceptDownloads: true,
      });
      try {
        await context.addInitScript((chosen) => localStorage.setItem('sitong.language', chosen), language);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto('/login');
        await page.getByTestId('login-username').fill('student');
        await page.getByTestId('login-password').fill(demoPassword);
        await page.getByTestId('login-submit').tap();
        await page.getByTestId('user-name').or(page.getByTestId('menu-button')).first().waitFor();
        await page.goto('/creditbank/me');
        // Cards, not tables: the claim of the first test is a card.
        await page.getByTestId('claim-row-E2E-CB-0001').waitFor(polling);
        expect(await page.getByTestId('my-claims').locator('table').count()).toBe(0);
        await expectFitsPhone(page, `claims (${language})`);
        await screenshot(page, `phone-claims-${language}`);
        await page.getByTestId('tab-ledger').tap();
        await page.getByTestId('ledger-card').first().waitFor();
        expect(await page.getByTestId('my-ledger').locator('table').count()).toBe(0);
        await expectFitsPhone(page, `ledger (${language})`);
        await page.getByTestId('tab-transcript').tap();
        await page.locator('[data-testid^="transcript-card-"]').first().waitFor();
        expect(await page.getByTestId('my-transcript').locator('table').count()).toBe(0);
        await expectFitsPhone(page, `transcript (${language})`);
        await screenshot(page, `phone-transcript-${language}`);
        // The claim form, with a certificate and level picked.
        await page.getByTestId('new-claim').tap();
        const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('claim-form') });
        await modal.waitFor();
        await tapPick(
          page,
          modal.getByTestId('claim-certificate'),
          page.getByTestId(`certificate-option-${certificate.code}`),
          certificate.code,
        );
        await tapPick(
          page,
          modal.getByTestId('claim-level'),
          page.getByTestId('level-option-junior'),
          language === 'en' ? 'Junior' : '初级',
        );
        await modal.getByTestId('claim-certificate-no').fill('PHONE-CB-0001');
        expect(await modal.getByTestId('claim-level').textContent()).not.toBe('');
        expect(await modal.getByTestId('claim-certificate-no').inputValue()).toBe('PHONE-CB-0001');
        await expectFitsPhone(page, `claim form (${language})`);
        await screenshot(page, `phone-claim-form-${language}`);
      } finally {
        await context.close();
      }
    }
  });

  it('教务 drafts a rule version and cannot approve it; another user can; the ledger check is intact; certificates and the stage distribution show', async () => {
    const { page: jiaowu } = await harness.newPage();
    await login(jiaowu, 'jiaowu');
    await jiaowu.goto('/creditbank/rules');
    await jiaowu.getByTestId('rule-version-1').waitFor();
    await jiaowu.getByTestId('draft-from-current').click();
    await jiaowu.getByTestId('rule-version-2').waitFor();
    await numberInput(jiaowu, 'rule-crossGroupCertificateCredits.senior').fill('7');
    await jiaowu.getByTestId('rule-save').click();
    await expect.poll(() => jiaowu.getByTestId('rule-save').isDisabled(), polling).toBe(true);
    // A lower level may not give more than a higher one: the server names the field.
    await numberInput(jiaowu, 'rule-crossGroupCertificateCredits.junior').fill('9');
    await jiaowu.getByTestId('rule-save').click();
    await expect.poll(() => jiaowu.getByTestId('rules-error').textContent(), polling).toContain('置换规则有');
    await numberInput(jiaowu, 'rule-crossGroupCertificateCredits.junior').fill('2');
    await jiaowu.getByTestId('rule-save').click();
    await expect.poll(() => jiaowu.getByTestId('rule-save').isDisabled(), polling).toBe(true);
    await jiaowu.getByTestId('rule-approve').click();
    await jiaowu.getByTestId('rule-approve-ok').click();
    await expect.poll(() => jiaowu.getByTestId('rules-error').textContent(), polling).toContain('不能审批自己起草的规则版本');
    await screenshot(jiaowu, 'rules-own-approval');

    const { page: admin } = await harness.newPage();
    await login(admin, 'admin');
    await admin.goto('/creditbank/rules');
    await admin.getByTestId('rule-version-2').click();
    await admin.getByTestId('rule-approve').click();
    await admin.getByTestId('rule-approve-ok').click();
    await admin.getByTestId('rule-version-2').getByTestId('rule-current').waitFor();

    // (The last entries of a long menu can sit under the sider's collapse trigger: go by address.)
    await admin.goto('/creditbank/ledger');
    await expect.poll(() => admin.getByTestId('ledger-status').getAttribute('data-intact'), polling).toBe('true');
    expect(await admin.getByTestId('ledger-entries').textContent()).toMatch(/^\d+$/);

    await admin.goto('/creditbank/certificates');
    await admin.getByTestId(`certificate-row-${certificate.code}`).waitFor();
    expect(await admin.getByTestId('certificates-table').getByTestId('certificate-guessed').count()).toBeGreaterThan(0);
    await screenshot(admin, 'certificates');
    // The certificate's course mappings: add one course from the pool, from 中级 up.
    await admin.getByTestId(`edit-mappings-${certificate.code}`).click();
    const rowsBefore = await admin.getByTestId('mapping-rows').locator('tr.ant-table-row').count();
    await admin.getByTestId('mapping-add').click();
    const courseSelect = admin.getByTestId(`mapping-course-${rowsBefore}`);
    // The choice must be in the select before saving: under load the dropdown can lag behind the typing, or a click
    // can land while it is still opening, so search and pick again until the select shows the course. (No Escape:
    // it would close the mapping dialog.)
    await expect
      .poll(async () => {
        if ((await courseSelect.textContent())?.includes('HL-201')) return courseSelect.textContent();
        await courseSelect.locator('input').fill('HL-201');
        const option = openDropdown(admin).locator('.ant-select-item-option', { hasText: 'HL-201' }).first();
        await option.waitFor({ timeout: 5_000 }).then(
          () => option.click(),
          () => undefined,
        );
        return courseSelect.textContent();
      }, polling)
      .toContain('HL-201');
    const [saved] = await Promise.all([
      admin.waitForResponse((response) => response.url().includes('/mappings') && response.request().method() === 'PUT'),
      admin.getByTestId('mapping-save').click(),
    ]);
    expect(saved.status()).toBe(200);
    await admin.getByTestId(`mapping-${certificate.code}-HL-201`).waitFor({ timeout: 60_000 });

    await admin.goto('/creditbank/pathway');
    await admin.getByTestId('distribution-table').locator('tr.ant-table-row').first().waitFor();
    await screenshot(admin, 'distribution');

    // The pathway criteria: a falling certificate level is refused in the server's words; a higher share saves as revision 1.
    const settings = admin.getByTestId('pathway-settings');
    await settings.getByText('默认设置（003 文件）').waitFor();
    // Under load the first pick can land while the dropdown is still opening: pick again until the select shows it.
    const seniorLevel = admin.getByTestId('pathway-level-senior_apprentice');
    await expect
      .poll(async () => {
        if (!(await seniorLevel.textContent())?.includes('初级及以上')) await pick(admin, seniorLevel, admin.getByTestId('level-junior'));
        return seniorLevel.textContent();
      }, polling)
      .toContain('初级及以上');
    await expect.poll(() => admin.getByTestId('pathway-settings-save').isEnabled(), polling).toBe(true);
    await admin.getByTestId('pathway-settings-save').click();
    await expect.poll(() => admin.getByTestId('pathway-settings-error').textContent(), polling).toContain('不能低于前一阶段');
    await admin.getByTestId('pathway-settings-undo').click();
    const shareField = admin.getByTestId('pathway-share-intermediate_apprentice');
    const shareInput = (await shareField.evaluate((element) => element.tagName)) === 'INPUT' ? shareField : shareField.locator('input');
    await shareInput.fill('40');
    await expect.poll(() => admin.getByTestId('pathway-settings-save').isEnabled(), polling).toBe(true);
    const [savedPathway] = await Promise.all([
      admin.waitForResponse((response) => response.url().endsWith('/pathway') && response.request().method() === 'PUT'),
      admin.getByTestId('pathway-settings-save').click(),
    ]);
    expect(savedPathway.status()).toBe(200);
    expect((await savedPathway.json()).stages[1].academic.share).toBeCloseTo(0.4, 6);
    await settings.getByText('第 1 版').waitFor();
    await screenshot(admin, 'pathway-settings');
    // Back to the defaults, so that the other tests see the seeds' criteria.
    await admin.getByTestId('pathway-settings-defaults').click();
    await expect.poll(() => admin.getByTestId('pathway-settings-save').isEnabled(), polling).toBe(true);
    await admin.getByTestId('pathway-settings-save').click();
    await settings.getByText('第 2 版').waitFor();
  });

  it('an imported result nobody matches goes to 人工核对: the importer may not resolve it, another reviewer matches it to a student', async () => {
    const first17 = '11010119900307001';
    const strangerId = first17 + idCheckCharacter(first17);
    const [target] = await harness.started.database.query<{ student_no: string; name: string }>(
      "SELECT s.student_no, s.name FROM students s JOIN users u ON TRUE WHERE u.username = 'student' AND s.id <> u.student_id AND s.major_id = (SELECT major_id FROM students WHERE id = u.student_id) ORDER BY s.student_no LIMIT 1",
    );
    const file = await makeXlsx(
      ['姓名', '身份证号', '证书代码', '等级', '证书编号', '发证日期', '发证机构'],
      [['陌生人', strangerId, certificate.code, '中级', 'E2E-IMP-0001', '2026-06-30', '']],
    );

    // 教务 imports the issuing body's results through the wizard, reached from the review page.
    const { page: jiaowu } = await harness.newPage();
    await login(jiaowu, 'jiaowu');
    await jiaowu.goto('/creditbank/claims');
    await jiaowu.getByTestId('tab-import-reviews').click();
    await jiaowu.getByTestId('import-results').click();
    await jiaowu.waitForURL('**/imports');
    await jiaowu.getByTestId('entity-certificate_results').click();
    await jiaowu.getByTestId('import-next').click();
    await jiaowu.locator('input[type=file]').setInputFiles({
      name: '发证机构成绩.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await jiaowu.getByTestId('preview-ok').waitFor();
    await expect
      .poll(() => jiaowu.getByTestId('summary-note-review').locator('.ant-statistic-content-value').textContent(), polling)
      .toBe('1');
    await jiaowu.getByTestId('import-commit').click();
    await jiaowu.getByTestId('import-result').waitFor();

    // The importer is refused (another reviewer must decide), in the server's words.
    await jiaowu.goto('/creditbank/claims');
    await jiaowu.getByTestId('tab-import-reviews').click();
    const queued = jiaowu.getByTestId('import-reviews-table').locator('tr.ant-table-row', { hasText: 'E2E-IMP-0001' });
    await queued.waitFor();
    expect(await queued.textContent()).toContain('本校无此身份证号的学生');
    await queued.locator('[data-testid^="import-review-dismiss-"]').click();
    await jiaowu.getByTestId('import-review-note').fill('不是本校学生');
    await jiaowu.getByTestId('import-review-ok').click();
    await expect.poll(() => jiaowu.getByTestId('import-review-error').textContent(), polling).toContain('不能核对自己导入的记录');

    // Another reviewer matches it to a student found by 学号.
    const { page: admin } = await harness.newPage();
    await login(admin, 'admin');
    await admin.goto('/creditbank/claims');
    await admin.getByTestId('tab-import-reviews').click();
    const row = admin.getByTestId('import-reviews-table').locator('tr.ant-table-row', { hasText: 'E2E-IMP-0001' });
    await row.locator('[data-testid^="import-review-match-"]').click();
    await admin.getByTestId('match-student').click();
    await admin.keyboard.type(target!.student_no);
    await openDropdown(admin).locator('.ant-select-item-option', { hasText: target!.student_no }).first().click();
    await admin.getByTestId('import-review-note').fill('发证机构确认身份证号录入有误');
    await admin.getByTestId('import-review-ok').click();
    await expect
      .poll(() => admin.getByTestId('import-reviews-table').locator('tr.ant-table-row', { hasText: 'E2E-IMP-0001' }).count(), polling)
      .toBe(0);
    await admin.getByTestId('import-review-filter').getByText('已匹配').click();
    await admin.getByTestId('import-reviews-table').locator('tr.ant-table-row', { hasText: 'E2E-IMP-0001' }).waitFor();
    // The granted outcome is in the claims queue under that student.
    await admin.getByTestId('tab-review-claims').click();
    await admin.getByTestId('filter-granted').click();
    expect(await admin.getByTestId('review-row-E2E-IMP-0001').textContent()).toContain(target!.name);
    await screenshot(admin, 'import-matched');
  });
});
