/**
 * Group robots (群机器人) in each vendor's documented webhook format:
 * - 企业微信: POST the webhook address (its `key` is the secret) with `{ msgtype: 'markdown', markdown: { content } }`;
 *   the answer is `{ errcode: 0, errmsg: 'ok' }`.
 * - 钉钉 custom robot: the webhook address carries `access_token`; in signed mode (加签) the request also carries
 *   `timestamp` (ms) and `sign` = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)));
 *   body `{ msgtype: 'markdown', markdown: { title, text } }`; answer `{ errcode: 0, errmsg: 'ok' }`.
 * - 飞书 custom bot: body `{ timestamp (s), sign, msg_type: 'post', content: { post: { zh_cn: { title, content } } } }`
 *   where sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")); answer `{ code: 0, msg: 'success' }`.
 */
import crypto from 'node:crypto';

export type RobotKind = 'wecom' | 'dingtalk' | 'feishu';

export interface RobotMessage {
  title: string;
  body: string;
  /** Absolute address of the object, if any. */
  url: string | null;
}

export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function feishuSign(secret: string, timestampSeconds: number): string {
  return crypto.createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** 企业微信 markdown content is limited to 4096 bytes; keep well inside it. */
function clip(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let result = text;
  while (Buffer.byteLength(`${result}…`, 'utf8') > maxBytes) result = result.slice(0, -1);
  return `${result}…`;
}

export function robotRequest(
  kind: RobotKind,
  webhook: string,
  secret: string | null,
  message: RobotMessage,
  now = new Date(),
): RobotRequest {
  const link = message.url ? `\n\n[查看详情](${message.url})` : '';
  if (kind === 'wecom') {
    return {
      url: webhook,
      body: { msgtype: 'markdown', markdown: { content: clip(`**${message.title}**\n${message.body}${link}`, 4000) } },
    };
  }
  if (kind === 'dingtalk') {
    let url = webhook;
    if (secret) {
      const timestamp = now.getTime();
      const target = new URL(webhook);
      target.searchParams.set('timestamp', String(timestamp));
      target.searchParams.set('sign', dingtalkSign(secret, timestamp));
      url = target.toString();
    }
    return {
      url,
      body: { msgtype: 'markdown', markdown: { title: message.title, text: clip(`#### ${message.title}\n${message.body}${link}`, 4000) } },
    };
  }
  const content: Array<Array<Record<string, string>>> = [[{ tag: 'text', text: message.body }]];
  if (message.url) content.push([{ tag: 'a', text: '查看详情', href: message.url }]);
  const body: Record<string, unknown> = { msg_type: 'post', content: { post: { zh_cn: { title: message.title, content } } } };
  if (secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    body.timestamp = String(timestamp);
    body.sign = feishuSign(secret, timestamp);
  }
  return { url: webhook, body };
}

/** Whether the vendor accepted the message, from its documented answer. */
export function robotAccepted(kind: RobotKind, status: number, answer: unknown): { ok: true } | { ok: false; error: string } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  const body = (answer ?? {}) as { errcode?: number; errmsg?: string; code?: number; msg?: string; StatusCode?: number };
  if (kind === 'feishu') {
    const code = body.code ?? body.StatusCode;
    return code === 0 ? { ok: true } : { ok: false, error: `code ${code ?? '?'}: ${body.msg ?? 'no answer'}` };
  }
  return body.errcode === 0 ? { ok: true } : { ok: false, error: `errcode ${body.errcode ?? '?'}: ${body.errmsg ?? 'no answer'}` };
}

/** A webhook address as shown to admins: host and the first characters of the path, never the key. */
export function maskWebhook(webhook: string): string {
  try {
    const url = new URL(webhook);
    return `${url.protocol}//${url.host}${url.pathname.slice(0, 18)}…`;
  } catch {
    return '…';
  }
}
