import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { activeSigningKey, rotateSigningKey } from '../../server/modules/creditbank/credentials/signing-keys.ts';
import { independentDocumentLoader, verifyIndependently } from '../support/independent-verifier.ts';
import { createTestApp, type TestApp, type TestClient } from '../support/test-app.ts';

/**
 * Verifiable transcripts end to end: a granted outcome becomes an Open Badges 3.0 credential, which
 * Digital Bazaar's reference libraries (not our code) verify, fetching the issuer's keys and the status
 * list from the app; reversing the grant revokes it; a changed field breaks both verifiers.
 */
let app: TestApp;
let jiaowu: TestClient;
let grouplead: TestClient;
let student: TestClient;
let enterprise: TestClient;
let jishi: TestClient;
let publicUrl: string;
const ids: Record<string, number> = {};
let certificates: number[] = [];
const one = (sql: string, column?: string) => app.number(sql, column);

/** How the independent verifier reaches the app: its public documents, over app.inject, no session. */
const fetchOwn = async (url: string) => {
  const response = await app.anonymous.get(url.slice(publicUrl.length));
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  return response.json();
};
const independent = (credential: unknown) => verifyIndependently(credential, publicUrl, fetchOwn);
const verifyHere = (credential: unknown, headers: Record<string, string> = {}) =>
  app.anonymous.post('/api/public/credentials/verify', credential, { headers });

/** A claim submitted, verified and granted; each call with another certificate (one certificate counts once). */
async function grantedCertificate(certificateNo: string, certificate: number, level = 'junior'): Promise<number> {
  const submitted = await student.post('/api/creditbank/claims', {
    kind: 'certificate',
    certificateId: certificates[certificate],
    level,
    certificateNo,
    issuedOn: '2026-06-30',
  });
  expect(submitted.statusCode).toBe(201);
  const claimId = submitted.json().id as number;
  expect((await grouplead.post(`/api/creditbank/claims/${claimId}/verify`)).statusCode).toBe(200);
  expect((await jiaowu.post(`/api/creditbank/claims/${claimId}/grant`)).json().status).toBe('granted');
  return claimId;
}

beforeAll(async () => {
  app = await createTestApp();
  publicUrl = app.context.config.publicUrl;
  [jiaowu, grouplead, student, enterprise, jishi] = await Promise.all(
    ['jiaowu', 'grouplead', 'student', 'enterprise', 'jishi'].map((user) => app.login(user)),
  );
  ids.student = await one("SELECT student_id AS id FROM users WHERE username = 'student'");
  ids.institution = await one(`SELECT institution_id AS id FROM students WHERE id = ${ids.student}`);
  ids.studentGroup = await one(`SELECT m.group_id AS id FROM students s JOIN majors m ON m.id = s.major_id WHERE s.id = ${ids.student}`);
  certificates = (
    await app.sql<{ id: number }>(
      `SELECT id FROM certificates WHERE owner_group_id <> ${ids.studentGroup} AND levels @> '{junior,intermediate}' ORDER BY code LIMIT 5`,
    )
  ).map((row) => Number(row.id));
  expect(certificates).toHaveLength(5);
  ids.competition = await one("SELECT id FROM competitions WHERE level = 'provincial' LIMIT 1");
});
afterAll(async () => {
  await app?.close();
});

describe('verifiable transcripts: issue and verify', () => {
  let claimId: number;
  let credential: Record<string, any>;
  let credentialId: string;

  it('lists a granted outcome as issuable, then issues an Open Badges 3.0 credential signed by the institution', async () => {
    claimId = await grantedCertificate('VC-2026-0001', 0, 'intermediate');
    const before = (await student.get('/api/me/creditbank/credentials')).json();
    expect(before.items.find((item: { outcomeId: number }) => item.outcomeId === claimId)).toMatchObject({
      state: 'issuable',
      credits: 4,
      credentialId: null,
    });

    const issued = await student.post(`/api/creditbank/outcomes/${claimId}/credential`);
    expect(issued.statusCode).toBe(201);
    credential = issued.json().credential;
    credentialId = issued.json().id;
    const certificateName = (await app.sql<{ name: string }>(`SELECT name FROM certificates WHERE id = ${certificates[0]}`))[0]!.name;
    const issuerId = `${publicUrl}/api/public/issuers/${ids.institution}`;
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `urn:uuid:${credentialId}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: `${certificateName}（中级）`,
      issuer: { id: issuerId, type: ['Profile'], name: '天津工业职业学院' },
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: `${certificateName}（中级）`,
          creditsAvailable: 4,
          inLanguage: 'zh-CN',
        },
        creditsEarned: 4,
        result: [{ type: ['Result'], value: '中级' }],
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        verificationMethod: `${issuerId}#key-1`,
        proofPurpose: 'assertionMethod',
      },
    });
    expect(credential.credentialSubject.achievement.criteria.narrative).toContain('学分银行');
    expect(Object.keys(credential)[0]).toBe('@context');
    // The 学号 and the name are only there as salted hashes.
    const [studentNo, name] = (
      await app.sql<{ student_no: string; name: string }>(`SELECT student_no, name FROM students WHERE id = ${ids.student}`)
    ).map((row) => [row.student_no, row.name])[0]!;
    expect(JSON.stringify(credential)).not.toContain(studentNo);
    expect(JSON.stringify(credential)).not.toContain(name);
    expect(credential.credentialSubject.identifier.map((identity: { identityType: string }) => identity.identityType)).toEqual([
      'sisSourcedId',
      'name',
    ]);
  });

  it('the independent verifier (Digital Bazaar vc + eddsa-rdfc-2022 + bitstring status list) accepts it: signature, issuer key, status not revoked', async () => {
    expect(await independent(credential)).toEqual({ verified: true, error: null, revoked: false, statusChecked: true });
  });

  it('our public verify endpoint agrees, without a login, and names every check', async () => {
    const response = await verifyHere(credential);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({
      verified: true,
      revoked: false,
      issuer: { id: credential.issuer.id, name: '天津工业职业学院', known: true },
    });
    expect(result.checks.map((check: { check: string; ok: boolean }) => [check.check, check.ok])).toEqual([
      ['format', true],
      ['issuer', true],
      ['key', true],
      ['signature', true],
      ['status', true],
      ['validity', true],
    ]);
    expect(result.checks.find((check: { check: string }) => check.check === 'signature').message).toContain('数字签名有效');
    expect(result.achievement).toMatchObject({
      name: credential.name,
      achievementType: 'Certificate',
      creditsAvailable: 4,
      creditsEarned: 4,
      result: ['中级'],
    });
    // In English on request; JSON-LD media types are accepted as JSON.
    const english = await app.anonymous.request('POST', '/api/public/credentials/verify?lang=en', {
      headers: { 'content-type': 'application/ld+json' },
      rawBody: JSON.stringify(credential),
    });
    expect(english.statusCode).toBe(200);
    expect(english.json().checks[0].message).toContain('Open Badges 3.0');
    // A signed-in visitor posts without a CSRF token: the public routes read no session.
    expect((await student.post('/api/public/credentials/verify', credential, { headers: { 'x-csrf-token': 'wrong' } })).statusCode).toBe(
      200,
    );
  });

  it('issuing again returns the same stored credential; concurrent issues make one', async () => {
    const again = await student.post(`/api/creditbank/outcomes/${claimId}/credential`);
    expect(again.statusCode).toBe(200);
    expect(again.json().credential).toEqual(credential);
    const other = await grantedCertificate('VC-2026-0002', 1);
    const answers = await Promise.all([
      student.post(`/api/creditbank/outcomes/${other}/credential`),
      grouplead.post(`/api/creditbank/outcomes/${other}/credential`),
      student.post(`/api/creditbank/outcomes/${other}/credential`),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.json().credential.proof.proofValue)).size).toBe(1);
    const [invariants] = await app.sql<{ per_outcome: number; per_index: number }>(`SELECT
      (SELECT count(*)::int FROM (SELECT 1 FROM issued_credentials GROUP BY outcome_id HAVING count(*) > 1) d) AS per_outcome,
      (SELECT count(*)::int FROM (SELECT 1 FROM issued_credentials GROUP BY status_list_id, status_index HAVING count(*) > 1) d) AS per_index`);
    expect(invariants).toEqual({ per_outcome: 0, per_index: 0 });
    expect(
      await one(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'creditbank.credential.issue' AND entity_id = '${answers[0]!.json().id}'`,
        'n',
      ),
    ).toBe(1);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'creditbank.credential.key_created' AND institution_id = ${ids.institution}`,
        'n',
      ),
    ).toBe(1);
    // The private key is stored sealed, never as PEM or raw bytes.
    expect(
      (
        await app.sql<{ sealed: string }>(
          `SELECT private_key_sealed AS sealed FROM credential_signing_keys WHERE institution_id = ${ids.institution}`,
        )
      )[0]!.sealed,
    ).toMatch(/^v2:/);
  });

  it('downloads as a .json attachment to the student and to staff in scope, not to others', async () => {
    const download = await student.get(`/api/creditbank/credentials/${credentialId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/json');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''.+\.json$/);
    expect(JSON.parse(download.body)).toEqual(credential);
    expect((await grouplead.get(`/api/creditbank/credentials/${credentialId}`)).statusCode).toBe(200);
    expect((await enterprise.get(`/api/creditbank/credentials/${credentialId}`)).statusCode).toBe(403);
    expect((await jishi.get(`/api/creditbank/credentials/${credentialId}`)).statusCode).toBe(403);
    expect((await app.anonymous.get(`/api/creditbank/credentials/${credentialId}`)).statusCode).toBe(401);
    const listed = (await student.get('/api/me/creditbank/credentials'))
      .json()
      .items.find((item: { outcomeId: number }) => item.outcomeId === claimId);
    expect(listed).toMatchObject({ state: 'issued', credentialId });
  });

  it('publishes the issuer (Profile + Multikey keys) and a signed status list that the reference library verifies', async () => {
    const issuer = await app.anonymous.get(`/api/public/issuers/${ids.institution}`);
    expect(issuer.statusCode).toBe(200);
    expect(issuer.headers['access-control-allow-origin']).toBe('*');
    expect(issuer.json()).toMatchObject({
      id: credential.issuer.id,
      type: ['Profile'],
      name: '天津工业职业学院',
      assertionMethod: [credential.proof.verificationMethod],
    });
    expect(issuer.json().verificationMethod[0]).toMatchObject({
      id: credential.proof.verificationMethod,
      type: 'Multikey',
      controller: credential.issuer.id,
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
    });
    const list = await app.anonymous.get(credential.credentialStatus.statusListCredential.slice(publicUrl.length));
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: credential.issuer.id,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: expect.stringMatching(/^u/) },
    });
    const checked = await vc.verifyCredential({
      credential: list.json(),
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: independentDocumentLoader(publicUrl, fetchOwn),
    });
    expect(checked.verified).toBe(true);
  });

  it('a changed field fails both verifiers; so does a credential from an issuer we do not know', async () => {
    const tampered = structuredClone(credential);
    tampered.credentialSubject.creditsEarned = 6;
    const theirs = await independent(tampered);
    expect(theirs.verified).toBe(false);
    expect(theirs.error).toMatch(/Invalid signature/);
    const ours = (await verifyHere(tampered)).json();
    expect(ours.verified).toBe(false);
    expect(ours.checks.find((check: { check: string }) => check.check === 'signature')).toMatchObject({
      ok: false,
      message: expect.stringContaining('被改动'),
    });

    const moved = structuredClone(credential);
    moved.credentialStatus.statusListIndex = String((Number(moved.credentialStatus.statusListIndex) + 1) % 131072);
    expect((await independent(moved)).verified).toBe(false);
    expect((await verifyHere(moved)).json().verified).toBe(false);

    const foreign = structuredClone(credential);
    foreign.issuer.id = 'https://other.example.edu/issuers/1';
    const foreignResult = (await verifyHere(foreign)).json();
    expect(foreignResult.verified).toBe(false);
    expect(foreignResult.checks.filter((check: { ok: boolean }) => !check.ok).map((check: { check: string }) => check.check)).toEqual([
      'issuer',
      'key',
      'signature',
      'status',
    ]);
  });

  it('reversing the grant revokes the credential: the independent status check and our endpoint both say revoked', async () => {
    expect((await jiaowu.post(`/api/creditbank/claims/${claimId}/reverse`, { note: '发证机构撤销证书' })).json().status).toBe('reversed');
    const theirs = await independent(credential);
    expect(theirs).toMatchObject({ revoked: true, statusChecked: true });
    const ours = (await verifyHere(credential)).json();
    expect(ours).toMatchObject({ verified: false, revoked: true });
    expect(ours.checks.find((check: { check: string }) => check.check === 'status')).toMatchObject({
      ok: false,
      message: expect.stringContaining('已撤销'),
    });
    expect(ours.checks.find((check: { check: string }) => check.check === 'signature').ok).toBe(true);
    const listed = (await student.get('/api/me/creditbank/credentials'))
      .json()
      .items.find((item: { outcomeId: number }) => item.outcomeId === claimId);
    expect(listed).toMatchObject({ state: 'revoked', credentialId });
    // The issued document stays what it was (and says where to look up its status).
    expect((await student.post(`/api/creditbank/outcomes/${claimId}/credential`)).json().credential).toEqual(credential);
  });

  it('a rotated key signs new credentials while the old key keeps verifying what it signed', async () => {
    const other = (
      await app.sql<{ credential: Record<string, any> }>(
        "SELECT credential FROM issued_credentials WHERE credential->'credentialSubject'->'result'->0->>'value' = '初级'",
      )
    )[0]!;
    expect(await rotateSigningKey(app.context, ids.institution)).toBe(2);
    const newer = await grantedCertificate('VC-2026-0003', 2);
    const issued = (await student.post(`/api/creditbank/outcomes/${newer}/credential`)).json().credential;
    expect(issued.proof.verificationMethod).toMatch(/#key-2$/);
    expect((await independent(issued)).verified).toBe(true);
    expect((await independent(other.credential)).verified).toBe(true);
    expect((await verifyHere(other.credential)).json().verified).toBe(true);
    expect((await app.anonymous.get(`/api/public/issuers/${ids.institution}`)).json().assertionMethod).toHaveLength(2);
  });
});

describe('verifiable transcripts: signing keys', () => {
  it('first uses at the same moment create one key for an institution', async () => {
    const other = await one(
      "SELECT id FROM institutions WHERE id <> (SELECT institution_id FROM students WHERE id = (SELECT student_id FROM users WHERE username = 'student')) ORDER BY id LIMIT 1",
    );
    const keys = await Promise.all(Array.from({ length: 4 }, () => activeSigningKey(app.context, other)));
    expect(new Set(keys.map((key) => key.keyNo))).toEqual(new Set([1]));
    expect(await one(`SELECT count(*)::int AS n FROM credential_signing_keys WHERE institution_id = ${other}`, 'n')).toBe(1);
    expect((await app.anonymous.get(`/api/public/issuers/${other}`)).json().verificationMethod).toHaveLength(1);
  });
});

describe('verifiable transcripts: course credits', () => {
  it('an earned course credit from the courses module becomes a Course credential that verifies', async () => {
    expect((await jiaowu.post('/api/creditbank/sync')).statusCode).toBe(200);
    const listed = (await student.get('/api/me/creditbank/credentials'))
      .json()
      .items.find((item: { kind: string }) => item.kind === 'course_credit');
    expect(listed).toMatchObject({ state: 'issuable' });
    const issued = await student.post(`/api/creditbank/outcomes/${listed.outcomeId}/credential`);
    expect(issued.statusCode).toBe(201);
    const credential = issued.json().credential;
    expect(credential.credentialSubject.achievement).toMatchObject({
      achievementType: 'Course',
      name: listed.achievementName,
      creditsAvailable: listed.credits,
    });
    expect(credential.credentialSubject.achievement.humanCode).toBeTruthy();
    expect(await independent(credential)).toMatchObject({ verified: true, revoked: false });
  });
});

describe('verifiable transcripts: refusals', () => {
  it('only granted, not reversed outcomes; only the student or staff in scope; clear 4xx for bad ids', async () => {
    const count = () => one('SELECT count(*)::int AS n FROM issued_credentials', 'n');
    const before = await count();
    const submitted = (
      await student.post('/api/creditbank/claims', { kind: 'competition', competitionId: ids.competition, prize: 'third' })
    ).json().id as number;
    const notGranted = await student.post(`/api/creditbank/outcomes/${submitted}/credential`);
    expect(notGranted.statusCode).toBe(409);
    expect(notGranted.json().error).toMatchObject({ code: 'OUTCOME_NOT_GRANTED', message: expect.stringContaining('尚未认定') });
    const reversed = await grantedCertificate('VC-2026-0004', 3);
    await jiaowu.post(`/api/creditbank/claims/${reversed}/reverse`);
    expect((await student.post(`/api/creditbank/outcomes/${reversed}/credential`)).json().error.code).toBe('OUTCOME_REVERSED');
    const granted = await grantedCertificate('VC-2026-0005', 4);
    expect((await enterprise.post(`/api/creditbank/outcomes/${granted}/credential`)).statusCode).toBe(403);
    expect((await jishi.post(`/api/creditbank/outcomes/${granted}/credential`)).statusCode).toBe(403);
    expect((await app.anonymous.post(`/api/creditbank/outcomes/${granted}/credential`)).statusCode).toBe(401);
    expect((await student.post('/api/creditbank/outcomes/999999999/credential')).statusCode).toBe(404);
    expect((await student.post('/api/creditbank/outcomes/abc/credential')).statusCode).toBe(400);
    expect((await student.get('/api/creditbank/credentials/not-a-uuid')).statusCode).toBe(400);
    expect((await student.get('/api/creditbank/credentials/00000000-0000-4000-8000-000000000000')).json().error.code).toBe('NOT_FOUND');
    expect((await jiaowu.get('/api/me/creditbank/credentials')).statusCode).toBe(403);
    expect((await app.anonymous.get('/api/public/issuers/999999')).statusCode).toBe(404);
    expect((await app.anonymous.get('/api/public/issuers/abc')).statusCode).toBe(400);
    expect((await app.anonymous.get('/api/public/status-lists/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('the public verify endpoint answers junk with a 4xx and a message, never a 500', async () => {
    const raw = (body: string, type = 'application/json') =>
      app.anonymous.request('POST', '/api/public/credentials/verify', { headers: { 'content-type': type }, rawBody: body });
    const cases: Array<[Promise<{ statusCode: number; json: () => { error: { code: string; message: string } } }>, number, string]> = [
      [raw('{"@context": ['), 400, 'MALFORMED_JSON'],
      [raw(''), 400, 'MALFORMED_JSON'],
      [raw('[1, 2, 3]'), 400, 'VALIDATION_FAILED'],
      [raw('"a credential"'), 400, 'VALIDATION_FAILED'],
      [raw('null'), 400, 'VALIDATION_FAILED'],
      [raw('{}'), 422, 'NOT_A_CREDENTIAL'],
      [raw('{"@context": "https://www.w3.org/ns/credentials/v2", "type": "Diploma"}'), 422, 'NOT_A_CREDENTIAL'],
      [raw('credential', 'text/plain'), 400, 'VALIDATION_FAILED'],
      [raw('<credential/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      expect(response.statusCode, code).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message.length).toBeGreaterThan(0);
    }
    // Shaped like a credential but broken inside: a verdict with the failed checks, not an error.
    const hollow = await verifyHere({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: 'https://x.example/i',
      credentialSubject: {},
      proof: 'yes',
      validFrom: 'yesterday',
    });
    expect(hollow.statusCode).toBe(200);
    expect(hollow.json().verified).toBe(false);
    expect(hollow.json().checks.every((check: { ok: boolean }) => !check.ok)).toBe(true);
  });
});
