import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRobotReceiver, type RobotReceiver } from '../support/robot-receiver.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { login, repoRoot, startHarness, type Harness } from './harness.ts';

const polling = { timeout: 15_000 };

async function screenshot(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const dir = path.join(repoRoot, '.tmp');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `notifications-${name}.png`), fullPage: true });
}

describe('notifications in Chromium', () => {
  let harness: Harness;
  let smtp: TestSmtpServer;
  let robots: RobotReceiver;

  beforeAll(async () => {
    harness = await startHarness();
    smtp = await startSmtpServer({ username: 'mailer', password: 'pass-1234' });
    robots = await startRobotReceiver();
    robots.robots.wecom.add('e2e-key');
  });

  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
    await robots?.close();
  });

  it('a notification appears in the inbox and on the badge at once; opening it clears the badge', async () => {
    const { page } = await harness.newPage();
    await login(page, 'student');
    const badge = page.getByTestId('unread-badge');
    await expect.poll(() => badge.getAttribute('data-unread'), polling).toBe('0');
    const studentId = (
      await harness.started.database.query<{ student_id: number }>("SELECT student_id FROM users WHERE username = 'student'")
    )[0]!.student_id;
    await harness.started.context.notifications.notify({
      to: { students: [studentId] },
      kind: 'creditbank.claim_decided',
      link: '/creditbank/me',
      institutionId: 1,
      dedupeKey: 'e2e:claim:1',
      payload: {
        claim: 'E2E-0001',
        decision: { 'zh-CN': '已认定', en: 'granted' },
        detail: { 'zh-CN': '计入 4 学分。', en: '4 credits recorded.' },
      },
    });
    // The server pushes the new count over the open stream: no reload.
    await expect.poll(() => badge.getAttribute('data-unread'), polling).toBe('1');
    await page.getByTestId('inbox-bell').click();
    await page.waitForURL('**/inbox');
    const item = page.locator('[data-testid^="inbox-item-"]').first();
    await expect.poll(() => item.textContent(), polling).toContain('学分认定结果：已认定');
    expect(await item.getAttribute('data-read')).toBe('false');
    await screenshot(page, 'inbox-zh');
    await item.click();
    await page.waitForURL('**/creditbank/me');
    await expect.poll(() => badge.getAttribute('data-unread'), polling).toBe('0');
    await page.goto('/inbox');
    await expect.poll(() => page.locator('[data-testid^="inbox-item-"]').first().getAttribute('data-read'), polling).toBe('true');
  });

  it('a person sets their e-mail, turns a kind off and sets quiet hours; the settings stay', async () => {
    const { page } = await harness.newPage();
    await login(page, 'grouplead');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-notification-settings').click();
    await page.waitForURL('**/settings/notifications');
    await page.getByTestId('settings-email').fill('lead@tjpc.example.edu.cn');
    await page.getByTestId('settings-kind-courses.programme_returned').click();
    await page.getByTestId('settings-quiet').click();
    await screenshot(page, 'settings-zh');
    await page.getByTestId('settings-save').click();
    await page.locator('.ant-message-success').waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('settings-email').inputValue(), polling).toBe('lead@tjpc.example.edu.cn');
    expect(await page.getByTestId('settings-kind-courses.programme_returned').getAttribute('aria-checked')).toBe('false');
    expect(await page.getByTestId('settings-quiet').getAttribute('aria-checked')).toBe('true');
    const [row] = await harness.started.database.query<{ quiet_start: number; quiet_end: number; email_kinds: Record<string, boolean> }>(
      "SELECT p.quiet_start, p.quiet_end, p.email_kinds FROM notification_preferences p JOIN users u ON u.id = p.user_id WHERE u.username = 'grouplead'",
    );
    expect(row).toMatchObject({ quiet_start: 22 * 60, quiet_end: 7 * 60, email_kinds: { 'courses.programme_returned': false } });
    // English layout of the same page.
    await page.evaluate(() => localStorage.setItem('sitong.language', 'en'));
    await page.reload();
    await page.getByText('Notification settings').first().waitFor();
    await screenshot(page, 'settings-en');
  });

  it('an admin sets up SMTP and a 企业微信 robot, sends tests, and runs a job now', async () => {
    const { page } = await harness.newPage();
    await login(page, 'admin');
    await page.goto('/admin/channels');
    await page.getByTestId('add-smtp').click();
    await page.getByTestId('channel-name').fill('学院邮件服务器');
    await page.getByTestId('channel-host').fill('127.0.0.1');
    await page.getByTestId('channel-port').fill(String(smtp.port));
    await page.locator('.ant-modal').getByRole('switch').first().click(); // SSL/TLS off for the loopback server
    await page.getByTestId('channel-username').fill('mailer');
    await page.getByTestId('channel-password').fill('pass-1234');
    await page.getByTestId('channel-from').fill('四通平台 <noreply@tjpc.example.edu.cn>');
    await page.getByTestId('channel-save').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    const smtpRow = page.getByTestId('channels-table').locator('tr', { hasText: '学院邮件服务器' });
    await smtpRow.waitFor();
    await smtpRow.getByRole('button', { name: '发送测试' }).click();
    await page.locator('.ant-message-success', { hasText: '测试消息已发出' }).waitFor();
    await smtp.waitFor(1);
    expect(smtp.received[0]!.to).toEqual(['admin@tjpc.example.edu.cn']);

    await page.getByTestId('add-robot').click();
    await page.getByTestId('channel-name').fill('冶金群企业微信');
    await page.getByTestId('channel-webhook').fill(robots.url('/cgi-bin/webhook/send?key=e2e-key'));
    // The tree list is virtual: search for the group, wait until the open list shows it, and take it with Enter
    // (a click while the filtered list re-renders under load was sometimes lost).
    await page.getByTestId('channel-scope').click();
    await page.keyboard.type('钢铁智能冶金专业群');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title="钢铁智能冶金专业群"]')
      .waitFor();
    await page.keyboard.press('Enter');
    // Save only once the pick has taken and the list has closed (a click on save while it closes can be lost).
    await page.locator('.ant-modal .ant-select', { hasText: '钢铁智能冶金专业群' }).waitFor();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.getByTestId('channel-save').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    const robotRow = page.getByTestId('channels-table').locator('tr', { hasText: '冶金群企业微信' });
    await robotRow.waitFor();
    expect(await robotRow.textContent()).toContain('钢铁智能冶金专业群');
    expect(await page.getByTestId('channels-table').textContent()).not.toContain('e2e-key');
    const calls = robots.calls.length;
    await robotRow.getByRole('button', { name: '发送测试' }).click();
    await expect.poll(() => robots.calls.length, polling).toBe(calls + 1);
    expect(robots.calls.at(-1)).toMatchObject({ vendor: 'wecom', robot: 'e2e-key', accepted: true });
    await screenshot(page, 'channels-zh');
    await page.getByRole('tab', { name: '投递记录' }).click();
    await page.getByTestId('deliveries-table').waitFor();
    await screenshot(page, 'deliveries-zh');

    await page.goto('/admin/jobs');
    const jobs = page.getByTestId('jobs-table');
    await jobs.locator('tr', { hasText: 'courses.draw_due_windows' }).waitFor();
    await page.getByTestId('run-courses.draw_due_windows').click();
    await page.locator('.ant-message-success', { hasText: '已开始运行' }).first().waitFor();
    const row = jobs.locator('tr', { hasText: 'courses.draw_due_windows' });
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: '刷新' }).click();
        return row.getByTestId('run-status').getAttribute('data-status');
      }, polling)
      .toBe('succeeded');
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('runs-courses.draw_due_windows').locator('tr', { hasText: '手动' }).waitFor();
    await screenshot(page, 'jobs-zh');
    await page.evaluate(() => localStorage.setItem('sitong.language', 'en'));
    await page.reload();
    await page.getByText('Scheduled jobs').first().waitFor();
    await screenshot(page, 'jobs-en');
    await page.goto('/admin/channels');
    await page.getByTestId('channels-table').locator('tr', { hasText: 'WeCom' }).waitFor();
    await screenshot(page, 'channels-en');
  });
});
