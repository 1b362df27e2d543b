import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../support/s3.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

// A 1×1 PNG, a minimal PDF, a Windows program and plain text: what a file is comes from its bytes.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const text = Buffer.from('这不是图片，只是一段文字。');

let app: TestApp;
const clients: Record<string, TestClient> = {};
let dataDir: string;
let certificate: number;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join('.tmp', 'attachments-'));
  app = await createTestApp({ dataDir, attachmentMaxBytes: 64 * 1024 });
  for (const user of ['student', 'jiaowu', 'grouplead', 'teacher', 'admin']) clients[user] = await app.login(user);
  certificate = await app.number("SELECT id FROM certificates WHERE code = 'ZY-DG'");
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const upload = (client: TestClient, name: string, data: Buffer, purpose = 'creditbank.claim') =>
  client.upload(`/api/attachments?purpose=${purpose}`, name, data);
const rows = async () => app.number('SELECT count(*)::int AS n FROM attachments', 'n');

describe('uploading', () => {
  it('a file is judged by its content: a PNG is an image, a PDF named .jpg is a PDF', async () => {
    const image = await upload(clients.student!, '证书扫描件.png', png);
    expect(image.statusCode).toBe(201);
    expect(image.json()).toMatchObject({ fileName: '证书扫描件.png', contentType: 'image/png', sizeBytes: png.length });
    const disguised = await upload(clients.student!, 'scan.jpg', pdf);
    expect(disguised.statusCode).toBe(201);
    expect(disguised.json().contentType).toBe('application/pdf');
    // Stored once per content hash under DATA_DIR/files.
    const [row] = await app.sql<{ sha256: string }>(`SELECT sha256 FROM attachments WHERE id = '${image.json().id}'`);
    expect(fs.readFileSync(path.join(dataDir, 'files', row!.sha256.slice(0, 2), row!.sha256.slice(2, 4), row!.sha256))).toEqual(png);
    expect((await upload(clients.student!, 'again.png', png)).statusCode).toBe(201);
    expect(fs.readdirSync(path.join(dataDir, 'files', row!.sha256.slice(0, 2), row!.sha256.slice(2, 4)))).toEqual([row!.sha256]);
  });

  it('refuses what is not an accepted kind, whatever its name, in words; nothing is kept', async () => {
    const before = await rows();
    const program = await upload(clients.student!, 'certificate.png', exe);
    expect(program.statusCode).toBe(422);
    expect(program.json().error.message).toContain('exe');
    expect(program.json().error.message).toContain('按文件内容判断');
    const words = await upload(clients.student!, 'note.pdf', text, 'creditbank.claim');
    expect(words.statusCode).toBe(422);
    expect(words.json().error.message).toContain('无法识别的格式');
    const english = await clients.student!.upload('/api/attachments?purpose=creditbank.claim', 'x.png', exe, {
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toContain('judged by its content');
    expect((await upload(clients.student!, 'big.png', Buffer.concat([png, Buffer.alloc(70 * 1024)]))).statusCode).toBe(413);
    expect((await upload(clients.student!, 'x.png', png, 'nope.kind')).statusCode).toBe(404);
    expect((await clients.student!.post('/api/attachments?purpose=creditbank.claim', { not: 'a file' })).statusCode).toBe(415);
    // A teacher submits no claims, so may not upload claim evidence.
    expect((await upload(clients.teacher!, 'x.png', png)).statusCode).toBe(403);
    expect((await app.anonymous.upload('/api/attachments?purpose=creditbank.claim', 'x.png', png)).statusCode).toBe(401);
    expect(await rows()).toBe(before);
  });
});

describe('evidence of a credit-bank claim', () => {
  let claimId: number;
  let fileId: string;

  it('a student attaches files to a claim; only those who may read the claim may read them', async () => {
    fileId = (await upload(clients.student!, '电工证.png', png)).json().id;
    // Staged: only the uploader sees it.
    expect((await clients.jiaowu!.get(`/api/attachments/${fileId}`)).statusCode).toBe(404);
    const submitted = await clients.student!.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: certificate,
      level: 'junior',
      certificateNo: 'DG-ATTACH-1',
      evidenceFileIds: [fileId],
    });
    expect(submitted.statusCode).toBe(201);
    claimId = submitted.json().id;
    expect(submitted.json().evidenceFiles).toEqual([
      expect.objectContaining({ id: fileId, fileName: '电工证.png', contentType: 'image/png', url: `/api/attachments/${fileId}` }),
    ]);
    const reviewer = await clients.jiaowu!.get(`/api/attachments/${fileId}`);
    expect(reviewer.statusCode).toBe(200);
    expect(reviewer.headers['content-type']).toBe('image/png');
    expect(reviewer.headers['content-disposition']).toContain('inline');
    expect(reviewer.headers['content-security-policy']).toContain('sandbox');
    expect(reviewer.rawPayload).toEqual(png);
    const queue = (await clients.jiaowu!.get('/api/creditbank/claims?status=submitted&pageSize=200')).json();
    expect(queue.items.find((item: { id: number }) => item.id === claimId).evidenceFiles).toHaveLength(1);
    // A teacher cannot read claims, so cannot read their files; another student neither.
    expect((await clients.teacher!.get(`/api/attachments/${fileId}`)).statusCode).toBe(404);
    expect((await clients.admin!.get(`/api/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await clients.student!.get('/api/attachments/not-a-uuid')).statusCode).toBe(400);
  });

  it('a file already submitted, or someone else’s, cannot be attached again; the claim is not created', async () => {
    const claims = await app.number('SELECT count(*)::int AS n FROM learning_outcomes', 'n');
    const reused = await clients.student!.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: certificate,
      // Another level than the claim above: one certificate at one level is held by that claim.
      level: 'intermediate',
      certificateNo: 'DG-ATTACH-2',
      evidenceFileIds: [fileId],
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.message).toContain('已经提交过');
    const staffFile = (await upload(clients.jiaowu!, 'staff.png', png)).json().id;
    const foreign = await clients.student!.post('/api/creditbank/claims', {
      kind: 'certificate',
      certificateId: certificate,
      level: 'senior',
      certificateNo: 'DG-ATTACH-3',
      evidenceFileIds: [staffFile],
    });
    expect(foreign.statusCode).toBe(422);
    expect(await app.number('SELECT count(*)::int AS n FROM learning_outcomes', 'n')).toBe(claims);
    expect(
      (
        await clients.student!.post('/api/creditbank/claims', {
          kind: 'certificate',
          certificateId: certificate,
          level: 'junior',
          certificateNo: 'X',
          evidenceFileIds: ['nope'],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('more evidence can be added while the claim waits; a submitted file cannot be removed', async () => {
    const extra = (await upload(clients.student!, '补充.pdf', pdf)).json().id;
    const added = await clients.student!.post(`/api/creditbank/claims/${claimId}/evidence`, { fileIds: [extra] });
    expect(added.statusCode).toBe(200);
    expect(added.json().evidenceFiles.map((file: { contentType: string }) => file.contentType)).toEqual(['image/png', 'application/pdf']);
    expect((await clients.student!.request('DELETE', `/api/attachments/${extra}`)).statusCode).toBe(409);
    // Once verified, the evidence is closed.
    expect((await clients.jiaowu!.post(`/api/creditbank/claims/${claimId}/verify`)).statusCode).toBe(200);
    const late = (await upload(clients.student!, '晚了.png', png)).json().id;
    const refused = await clients.student!.post(`/api/creditbank/claims/${claimId}/evidence`, { fileIds: [late] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('不能再补充');
    expect((await clients.jiaowu!.post(`/api/creditbank/claims/${claimId}/evidence`, { fileIds: [late] })).statusCode).toBe(403);
    // A staged file its uploader no longer wants goes away.
    expect((await clients.student!.request('DELETE', `/api/attachments/${late}`)).json()).toEqual({ id: late, removed: true });
    expect((await clients.student!.get(`/api/attachments/${late}`)).statusCode).toBe(404);
  });

  it('staged files nobody submitted within a day are dropped by the cleanup job', async () => {
    const stale = (await upload(clients.student!, '忘了提交.png', Buffer.concat([png, Buffer.from('different bytes')]))).json().id;
    await app.sql(`UPDATE attachments SET uploaded_at = now() - interval '25 hours' WHERE id = '${stale}'`);
    const [row] = await app.sql<{ sha256: string }>(`SELECT sha256 FROM attachments WHERE id = '${stale}'`);
    const result = await app.context.attachments.dropAbandoned();
    expect(result.dropped).toBeGreaterThanOrEqual(1);
    expect(await app.number(`SELECT count(*)::int AS n FROM attachments WHERE id = '${stale}'`, 'n')).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'files', row!.sha256.slice(0, 2), row!.sha256.slice(2, 4), row!.sha256))).toBe(false);
    // Linked files stay.
    expect((await clients.jiaowu!.get(`/api/attachments/${fileId}`)).statusCode).toBe(200);
  });
});

describe('an S3-compatible bucket (STORAGE_URL)', () => {
  let s3: TestS3;
  let remote: TestApp;

  beforeAll(async () => {
    s3 = await startTestS3('sitong');
  });
  afterAll(async () => {
    await remote?.close();
    await s3?.close();
  });

  it('keeps the bytes in the bucket with signed requests; a wrong secret is refused and said so', async () => {
    remote = await createTestApp({ storageUrl: s3.url() });
    const student = await remote.login('student');
    const stored = await student.upload('/api/attachments?purpose=creditbank.claim', 'photo.png', png);
    expect(stored.statusCode, stored.body).toBe(201);
    const back = await student.get(`/api/attachments/${stored.json().id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload).toEqual(png);
    expect(s3.refused).toBe(0);
    await remote.close();
    remote = await createTestApp({ storageUrl: s3.url({ key: 'S3RVER', secret: 'wrong' }) });
    const refused = await (await remote.login('student')).upload('/api/attachments?purpose=creditbank.claim', 'photo.png', png);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.message).toContain('文件存储暂时不可用');
    expect(s3.refused).toBe(1);
  });
});
