import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../server/modules/org/rules.ts';
import { makeXlsx } from '../support/xlsx.ts';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

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

/** Submits a cross-group certificate claim through the form; the modal stays open on a refusal. */
// A 1×1 PNG: the evidence photo of the first claim.
const evidencePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function submitCertificateClaim(
  page: Page,
  certificateCode: string,
  certificateNo: string,
  evidence?: { name: string; buffer: Buffer },
) {
  await page.getByTestId('new-claim').click();
  const modal = page.locator('.ant-modal', { hasText: '提交学分认定申请' });
  await modal.waitFor();
  await pick(page, modal.getByTestId('claim-certificate'), page.getByTestId(`certificate-option-${certificateCode}`));
  await pick(page, modal.getByTestId('claim-level'), '中级');
  await modal.getByTestId('claim-certificate-no').fill(certificateNo);
  await modal.getByTestId('claim-evidence-note').fill('证书查询网站核验截图已上传');
  if (evidence) {
    await modal.locator('input[type="file"]').setInputFiles({ name: evidence.name, mimeType: 'image/png', buffer: evidence.buffer });
    // Uploaded and kept by the server before the claim goes.
    await modal.locator('.ant-upload-list-item-done', { hasText: evidence.name }).waitFor();
  }
  await page.getByTestId('claim-submit').click();
  return modal;
}

/** An antd InputNumber's input, whether the test id sits on the input or on its wrapper. */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Takes a review step from the queue: the step's button, then the confirmation. */
async function reviewStep(page: Page, status: string, certificateNo: string, action: 'verify' | 'grant') {
  await page.getByTestId(`filter-${status}`).click();
  const row = page.getByTestId(`review-row-${certificateNo}`);
  await row.waitFor();
  await row.locator(`[data-testid^="claim-${action}-"]`).click();
  await page.getByTestId(`confirm-${action}`).click();
  await expect.poll(() => page.getByTestId(`review-row-${certificateNo}`).count(), polling).toBe(0);
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

  it('a student claims a cross-group certificate, 教务 verifies it, another reviewer grants it, and the student sees the credits in the ledger; the same number again is refused', async () => {
    const { page: student } = await harness.newPage();
    const pageErrors: string[] = [];
    student.on('pageerror', (error) => pageErrors.push(error.message));
    await login(student, 'student');
    await student.getByTestId('side-menu').getByText('我的学分银行', { exact: true }).click();
    await student.waitForURL('**/creditbank/me');
    await student.getByTestId('pathway-card').waitFor();
    await expect.poll(() => student.getByTestId('balance-certificate').textContent(), polling).toContain('0.0');

    const modal = await submitCertificateClaim(student, certificate.code, 'E2E-CB-0001', { name: '证书照片.png', buffer: evidencePng });
    await modal.waitFor({ state: 'hidden' });
    const claimRow = student.getByTestId('claim-row-E2E-CB-0001');
    await claimRow.waitFor();
    expect(await claimRow.getByTestId('claim-status').textContent()).toBe('已提交');
    expect(await claimRow.textContent()).toContain(certificate.name);
    // The apprentice stage: the pathway is read from the server and names what the next stage still needs.
    await expect.poll(() => student.getByTestId('pathway-current').textContent(), polling).toContain('当前阶段');
    await screenshot(student, 'student-submitted');

    // 教务 verifies in the review queue.
    const { page: jiaowu } = await harness.newPage();
    await login(jiaowu, 'jiaowu');
    await jiaowu.getByTestId('side-menu').getByText('学分认定审核', { exact: true }).click();
    await jiaowu.waitForURL('**/creditbank/claims');
    // The reviewer sees the student's photo in the claim's details (served by the attachment store).
    await jiaowu.getByTestId('filter-submitted').click();
    const submittedRow = jiaowu.getByTestId('review-row-E2E-CB-0001');
    await submittedRow.locator('.ant-table-row-expand-icon').click();
    const thumbnail = jiaowu.getByTestId('claim-evidence').locator('img').first();
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((image) => (image as HTMLImageElement).naturalWidth), polling).toBe(1);
    await screenshot(jiaowu, 'review-evidence');
    await reviewStep(jiaowu, 'submitted', 'E2E-CB-0001', 'verify');

    // Another reviewer grants it.
    const { page: admin } = await harness.newPage();
    await login(admin, 'admin');
    await admin.goto('/creditbank/claims');
    await reviewStep(admin, 'verified', 'E2E-CB-0001', 'grant');
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
    await student.getByTestId('tab-ledger').click();
    const ledgerRow = student.getByTestId('my-ledger').locator('tr.ant-table-row', { hasText: certificate.name });
    await ledgerRow.waitFor();
    expect(await ledgerRow.textContent()).toContain('登记');
    expect(await ledgerRow.getByTestId('ledger-credits').textContent()).toBe('+4');

    // The granted outcome is on the transcript; its verifiable credential is issued and downloaded.
    await student.getByTestId('tab-transcript').click();
    const transcriptRow = student.getByTestId('my-transcript').locator('tr.ant-table-row', { hasText: certificate.name });
    await transcriptRow.waitFor();
    const [download] = await Promise.all([
      student.waitForEvent('download'),
      transcriptRow.locator('[data-testid^="credential-issue-"]').click(),
    ]);
    const credential = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { type: string[] };
    expect(credential.type).toContain('OpenBadgeCredential');
    await transcriptRow.locator('[data-testid^="credential-download-"]').waitFor();
    await screenshot(student, 'student-granted');

    // The same certificate number again: the server's refusal, shown as it says it.
    const again = await submitCertificateClaim(student, certificate.code, 'E2E-CB-0001');
    await expect.poll(() => again.getByTestId('claim-error').textContent(), polling).toContain('该成果已登记');
    await screenshot(student, 'claim-duplicate');
    expect(pageErrors).toEqual([]);
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
