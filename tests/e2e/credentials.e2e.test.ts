import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, repoRoot, startHarness, type Harness } from './harness.ts';

/** A signed-in API client over real HTTP (cookie + CSRF token), to set up what the page then checks. */
async function apiClient(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as any;
    if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (url: string) => call('GET', url), post: (url: string, body?: unknown) => call('POST', url, body) };
}

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `verify-${name}.png`), fullPage: true });
}

describe('public credential verification page in Chromium', () => {
  let harness: Harness;
  let valid: Record<string, any>;
  let revoked: Record<string, any>;
  let studentNo: string;

  beforeAll(async () => {
    harness = await startHarness();
    const [jiaowu, grouplead, student] = await Promise.all(
      ['jiaowu', 'grouplead', 'student'].map((user) => apiClient(harness.baseUrl, user)),
    );
    studentNo = (await student.get('/api/me/student')).student.studentNo;
    // A granted claim whose credential stays valid, and one whose grant is then reversed.
    const groupId = (
      await harness.started.database.query<{ group_id: number }>(
        `SELECT m.group_id FROM students s JOIN majors m ON m.id = s.major_id WHERE s.student_no = '${studentNo}'`,
      )
    )[0]!.group_id;
    const certificates = await harness.started.database.query<{ id: number }>(
      `SELECT id FROM certificates WHERE owner_group_id <> ${groupId} AND levels @> '{junior}' ORDER BY code LIMIT 2`,
    );
    const granted: Array<Record<string, any>> = [];
    for (const [index, certificate] of certificates.entries()) {
      const claim = await student.post('/api/creditbank/claims', {
        kind: 'certificate',
        certificateId: Number(certificate.id),
        level: 'junior',
        certificateNo: `E2E-VC-${index}`,
      });
      await grouplead.post(`/api/creditbank/claims/${claim.id}/verify`);
      await jiaowu.post(`/api/creditbank/claims/${claim.id}/grant`);
      granted.push({ claimId: claim.id, credential: (await student.post(`/api/creditbank/outcomes/${claim.id}/credential`)).credential });
    }
    valid = granted[0]!.credential;
    revoked = granted[1]!.credential;
    await jiaowu.post(`/api/creditbank/claims/${granted[1]!.claimId}/reverse`, { note: '证书被发证机构注销' });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('anyone, not signed in, pastes a credential and sees it verified, check by check; the holder check matches the 学号', async () => {
    const { page } = await harness.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Reachable from the login page, without logging in.
    await page.goto('/login');
    await page.getByTestId('login-verify-link').click();
    await page.waitForURL('**/verify');
    await page.getByTestId('verify-input').fill(JSON.stringify(valid, null, 2));
    await page.getByTestId('verify-submit').click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-verified')).toBe('true');
    await result.getByText('证明有效').waitFor();
    await result.getByText(valid.name).first().waitFor();
    await result.getByText('天津工业职业学院').first().waitFor();
    for (const check of ['format', 'issuer', 'key', 'signature', 'status', 'validity']) {
      expect(await page.getByTestId(`verify-check-${check}`).getAttribute('data-ok'), check).toBe('true');
    }
    await page.getByTestId('verify-check-signature').getByText('内容未被改动').waitFor();
    await page.getByTestId('verify-holder-input').fill(studentNo);
    await page.getByTestId('verify-holder-submit').click();
    await page.getByTestId('verify-holder-result').getByText('一致').waitFor();
    await page.getByTestId('verify-holder-input').fill(`${studentNo}9`);
    await page.getByTestId('verify-holder-submit').click();
    await page.getByTestId('verify-holder-result').getByText('不一致').waitFor();
    await screenshot(page, 'valid');
    expect(pageErrors).toEqual([]);
  });

  it('an uploaded file that was changed fails the signature; a revoked one says revoked; junk gets a message', async () => {
    const { page } = await harness.newPage();
    await page.goto('/verify');
    const tampered = structuredClone(valid);
    tampered.credentialSubject.creditsEarned = 10;
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'credential.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    const result = page.getByTestId('verify-result');
    await result.getByText('核验未通过').waitFor();
    expect(await page.getByTestId('verify-check-signature').getAttribute('data-ok')).toBe('false');
    await page.getByTestId('verify-check-signature').getByText('被改动').waitFor();
    await screenshot(page, 'tampered');

    await page.getByTestId('verify-input').fill(JSON.stringify(revoked));
    await page.getByTestId('verify-submit').click();
    await result.getByText('证明已撤销').waitFor();
    expect(await result.getAttribute('data-revoked')).toBe('true');
    expect(await page.getByTestId('verify-check-status').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('verify-check-signature').getAttribute('data-ok')).toBe('true');
    await screenshot(page, 'revoked');

    await page.getByTestId('verify-input').fill('{ 这不是 JSON');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-error').getByText('不是合法的 JSON').waitFor();
    await page.getByTestId('verify-input').fill('{"hello": "world"}');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-error').getByText('不是 W3C 可验证凭证').waitFor();
  });

  it('speaks English when switched', async () => {
    const { page } = await harness.newPage({ locale: 'en-US' });
    await page.goto('/verify');
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByTestId('verify-input').fill(JSON.stringify(valid));
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-result').getByText('Credential valid').waitFor();
    await page.getByTestId('verify-check-signature').getByText('the content is unchanged').waitFor();
  });
});
