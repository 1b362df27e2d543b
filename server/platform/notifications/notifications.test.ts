import { describe, expect, it } from 'vitest';
import { renderEmail } from './email.ts';
import { beijingMinuteOfDay, formatClock, insideQuietHours, parseClock, releaseTime } from './quiet-hours.ts';
import { dingtalkSign, feishuSign, maskWebhook, robotAccepted, robotRequest } from './robots.ts';

// Beijing is UTC+8: 2026-12-01T14:30:00Z is 22:30 in Beijing.
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('reads clocks and minutes of the Beijing day', () => {
    expect(parseClock('22:00')).toBe(1320);
    expect(parseClock('7:05')).toBe(425);
    for (const bad of ['24:00', '12:60', '1200', '', 'ab:cd']) expect(parseClock(bad), bad).toBeNull();
    expect(formatClock(425)).toBe('07:05');
    expect(beijingMinuteOfDay(at('2026-12-01T14:30:00Z'))).toBe(22 * 60 + 30);
    expect(beijingMinuteOfDay(at('2026-12-01T16:00:00Z'))).toBe(0);
  });

  it('a span across midnight holds from its start up to (not including) its end', () => {
    const night = { start: 22 * 60, end: 7 * 60 };
    expect(insideQuietHours(at('2026-12-01T13:59:00Z'), night)).toBe(false); // 21:59
    expect(insideQuietHours(at('2026-12-01T14:00:00Z'), night)).toBe(true); // 22:00
    expect(insideQuietHours(at('2026-12-01T18:00:00Z'), night)).toBe(true); // 02:00
    expect(insideQuietHours(at('2026-12-01T22:59:00Z'), night)).toBe(true); // 06:59
    expect(insideQuietHours(at('2026-12-01T23:00:00Z'), night)).toBe(false); // 07:00
    const lunch = { start: 12 * 60, end: 13 * 60 + 30 };
    expect(insideQuietHours(at('2026-12-01T04:30:00Z'), lunch)).toBe(true); // 12:30
    expect(insideQuietHours(at('2026-12-01T05:30:00Z'), lunch)).toBe(false); // 13:30
  });

  it('mail due inside quiet hours waits until they end; outside it goes at once', () => {
    const night = { start: 22 * 60, end: 7 * 60 };
    expect(releaseTime(at('2026-12-01T14:30:00Z'), night).toISOString()).toBe('2026-12-01T23:00:00.000Z'); // 22:30 → 07:00 next day
    expect(releaseTime(at('2026-12-01T19:15:20Z'), night).toISOString()).toBe('2026-12-01T23:00:00.000Z'); // 03:15 → 07:00
    expect(releaseTime(at('2026-12-01T10:00:00Z'), night).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(releaseTime(at('2026-12-01T14:30:00Z'), null).toISOString()).toBe('2026-12-01T14:30:00.000Z');
  });
});

describe('group robots in the vendors’ formats', () => {
  const secret = 'SEC0123456789abcdef';
  const now = new Date(1_700_000_000_000);
  const message = { title: '培养方案待审核', body: '请审核《钢铁智能冶金技术》', url: 'https://sitong.example.edu.cn/programmes/7' };

  it('signs as 钉钉 and 飞书 document (values computed independently with Python’s hmac)', () => {
    expect(dingtalkSign(secret, 1_700_000_000_000)).toBe('TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=');
    expect(feishuSign(secret, 1_700_000_000)).toBe('PiO7POLlSx/DM2qf8Dy/XCWeJK3exVnevp5G99LEN2M=');
  });

  it('builds each request body', () => {
    const wecom = robotRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', null, message, now);
    expect(wecom.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc');
    expect(wecom.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**培养方案待审核**\n请审核《钢铁智能冶金技术》\n\n[查看详情](https://sitong.example.edu.cn/programmes/7)' },
    });
    const ding = robotRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t0k', secret, message, now);
    const url = new URL(ding.url);
    expect(url.searchParams.get('access_token')).toBe('t0k');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe('TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=');
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '培养方案待审核' } });
    const feishu = robotRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/h00k', secret, message, now);
    expect(feishu.body).toMatchObject({ timestamp: '1700000000', sign: 'PiO7POLlSx/DM2qf8Dy/XCWeJK3exVnevp5G99LEN2M=', msg_type: 'post' });
    expect(robotRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/h00k', null, message, now).body).not.toHaveProperty('sign');
  });

  it('keeps 企业微信 markdown under its 4096-byte limit', () => {
    const long = robotRequest('wecom', 'https://example.com/hook', null, { title: '长', body: '冶'.repeat(3000), url: null });
    expect(Buffer.byteLength((long.body.markdown as { content: string }).content)).toBeLessThanOrEqual(4000);
  });

  it('reads each vendor’s answer', () => {
    expect(robotAccepted('wecom', 200, { errcode: 0, errmsg: 'ok' })).toEqual({ ok: true });
    expect(robotAccepted('dingtalk', 200, { errcode: 310000, errmsg: 'sign not match' })).toEqual({
      ok: false,
      error: 'errcode 310000: sign not match',
    });
    expect(robotAccepted('feishu', 200, { code: 0, msg: 'success' })).toEqual({ ok: true });
    expect(
      robotAccepted('feishu', 200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }).ok,
    ).toBe(false);
    expect(robotAccepted('wecom', 502, null)).toEqual({ ok: false, error: 'HTTP 502' });
  });

  it('never shows a webhook’s key', () => {
    const masked = maskWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx');
    expect(masked).toContain('qyapi.weixin.qq.com');
    expect(masked).not.toContain('693a91f6');
  });
});

describe('notification e-mail', () => {
  it('is written in the recipient’s language, with the link and how to stop such mail', () => {
    const zh = renderEmail('zh-CN', '王老师', '培养方案待审核', '请审核 <方案>', 'https://x.example/programmes/7');
    expect(zh.subject).toBe('培养方案待审核');
    expect(zh.text).toContain('王老师，您好：');
    expect(zh.text).toContain('https://x.example/programmes/7');
    expect(zh.text).toContain('通知设置');
    expect(zh.html).toContain('请审核 &lt;方案&gt;');
    const en = renderEmail('en', 'Wang', 'Programme to review', 'Please review', null);
    expect(en.text).toContain('Dear Wang,');
    expect(en.text).toContain('Notification settings');
    expect(en.html).not.toContain('<a href');
  });
});
