/**
 * Stand-ins for the group-robot services of 企业微信, 钉钉 and 飞书, which cannot run here. Each endpoint
 * answers as the vendor documents and checks what the vendor checks, with its own implementation of the
 * documented signature (not the project's code):
 * - 企业微信 `POST /cgi-bin/webhook/send?key=…`: the key must be the robot's; markdown content ≤ 4096 bytes.
 * - 钉钉 `POST /robot/send?access_token=…&timestamp=…&sign=…` (加签): the timestamp within an hour, and
 *   sign = Base64(HmacSHA256(secret, timestamp + "\n" + secret)), URL-encoded in the query.
 * - 飞书 `POST /open-apis/bot/v2/hook/<token>` (签名校验): body timestamp (seconds) within an hour and
 *   sign = Base64(HmacSHA256(key: timestamp + "\n" + secret, data: empty)).
 */
import crypto from 'node:crypto';
import http from 'node:http';

export interface RobotCall {
  vendor: 'wecom' | 'dingtalk' | 'feishu';
  robot: string;
  body: Record<string, unknown>;
  accepted: boolean;
}

export interface RobotReceiver {
  port: number;
  url(path: string): string;
  calls: RobotCall[];
  /** Robots it knows: 企业微信 key, 钉钉 access token, 飞书 hook token → signing secret (null: none). */
  robots: { wecom: Set<string>; dingtalk: Map<string, string>; feishu: Map<string, string | null> };
  close(): Promise<void>;
}

const hourMs = 3_600_000;

export async function startRobotReceiver(): Promise<RobotReceiver> {
  const calls: RobotCall[] = [];
  const robots = { wecom: new Set<string>(), dingtalk: new Map<string, string>(), feishu: new Map<string, string | null>() };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = {};
      }
      const answer = (vendor: RobotCall['vendor'], robot: string, accepted: boolean, payload: unknown) => {
        calls.push({ vendor, robot, body, accepted });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      if (url.pathname === '/cgi-bin/webhook/send') {
        const key = url.searchParams.get('key') ?? '';
        const markdown = body.markdown as { content?: string } | undefined;
        if (!robots.wecom.has(key)) return answer('wecom', key, false, { errcode: 93000, errmsg: 'invalid webhook url' });
        if (body.msgtype !== 'markdown' || !markdown?.content || Buffer.byteLength(markdown.content) > 4096) {
          return answer('wecom', key, false, { errcode: 40008, errmsg: 'invalid message type' });
        }
        return answer('wecom', key, true, { errcode: 0, errmsg: 'ok' });
      }
      if (url.pathname === '/robot/send') {
        const token = url.searchParams.get('access_token') ?? '';
        const secret = robots.dingtalk.get(token);
        if (secret === undefined) return answer('dingtalk', token, false, { errcode: 300001, errmsg: 'token is not exist' });
        const timestamp = Number(url.searchParams.get('timestamp'));
        const expected = crypto
          .createHmac('sha256', Buffer.from(secret, 'utf8'))
          .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
          .digest('base64');
        if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > hourMs)
          return answer('dingtalk', token, false, { errcode: 310000, errmsg: 'invalid timestamp' });
        if (url.searchParams.get('sign') !== expected)
          return answer('dingtalk', token, false, { errcode: 310000, errmsg: 'sign not match' });
        return answer('dingtalk', token, true, { errcode: 0, errmsg: 'ok' });
      }
      const feishu = /^\/open-apis\/bot\/v2\/hook\/([\w-]+)$/.exec(url.pathname);
      if (feishu) {
        const token = feishu[1]!;
        if (!robots.feishu.has(token))
          return answer('feishu', token, false, { code: 19001, msg: 'param invalid: incoming webhook access token invalid' });
        const secret = robots.feishu.get(token);
        if (secret) {
          const timestamp = Number(body.timestamp);
          const expected = crypto
            .createHmac('sha256', Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
            .update(Buffer.alloc(0))
            .digest('base64');
          if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 3600 || body.sign !== expected) {
            return answer('feishu', token, false, {
              code: 19021,
              msg: 'sign match fail or timestamp is not within one hour from current time',
            });
          }
        }
        return answer('feishu', token, true, { code: 0, msg: 'success', data: {} });
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    calls,
    robots,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
