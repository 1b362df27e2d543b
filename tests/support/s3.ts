/**
 * An S3-compatible store for the tests: s3rver (the S3 API over a local directory), behind a front door
 * that checks each request's AWS Signature Version 4 by the documented algorithm (s3rver itself does
 * not), so a wrong secret or a changed body is refused as a real bucket would refuse it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3 {
  url(credentials?: { key: string; secret: string }): string;
  refused: number;
  close(): Promise<void>;
}

const hmac = (key: Buffer | string, data: string) => crypto.createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

function expectedSignature(request: http.IncomingMessage, body: Buffer, secret: string): { ok: boolean; reason?: string } {
  const authorization = request.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return { ok: false, reason: 'no SigV4 authorization' };
  const [, , date, region, signedHeaders, signature] = match;
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) return { ok: false, reason: 'payload hash' };
  const url = new URL(request.url ?? '/', 'http://localhost');
  const query = [...url.searchParams]
    .map(([key, value]) => [encodeURIComponent(key), encodeURIComponent(value)])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
    .map((pair) => pair.join('='))
    .join('&');
  const headerNames = signedHeaders!.split(';');
  const canonicalHeaders = headerNames
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [request.method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), 's3'), 'aws4_request');
  return crypto.createHmac('sha256', key).update(stringToSign).digest('hex') === signature
    ? { ok: true }
    : { ok: false, reason: 'signature' };
}

// s3rver knows one account, S3RVER; the front door checks that account's requests against our secret.
export async function startTestS3(bucket: string, credentials = { key: 'S3RVER', secret: 'sitong-test-secret' }): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-s3-'));
  const backend = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port: backendPort } = await backend.run();
  const state = { refused: 0 };
  const front = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const verdict = expectedSignature(request, body, credentials.secret);
      if (!verdict.ok || !String(request.headers.authorization).includes(`Credential=${credentials.key}/`)) {
        state.refused += 1;
        response
          .writeHead(403, { 'content-type': 'application/xml' })
          .end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${verdict.reason ?? 'access key'}</Message></Error>`);
        return;
      }
      const forward = http.request(
        {
          host: '127.0.0.1',
          port: backendPort,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: `127.0.0.1:${backendPort}` },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forward.on('error', () => response.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
  const frontPort = (front.address() as { port: number }).port;
  return {
    url: (given = credentials) =>
      `s3+http://${encodeURIComponent(given.key)}:${encodeURIComponent(given.secret)}@127.0.0.1:${frontPort}/${bucket}/attachments?region=cn-north-1`,
    get refused() {
      return state.refused;
    },
    async close() {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await backend.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
