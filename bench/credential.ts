/**
 * credential.issue_ms / credential.verify_ms: building and signing one Open Badges 3.0 credential
 * (eddsa-rdfc-2022: two RDFC-1.0 canonicalisations, two SHA-256, one Ed25519 signature), and verifying
 * it, with the project's code; medians over 100 runs after 30 to warm up. Baselines from the same run: the
 * bare Ed25519 sign and verify of the same credential's bytes, and one canonicalisation alone.
 */
import crypto from 'node:crypto';
import jsonld from 'jsonld';
import {
  generateEd25519KeyPair,
  publicKeyMultibase,
  signDocument,
  verifyDocument,
} from '../server/modules/creditbank/credentials/data-integrity.ts';
import { contextLoader } from '../server/modules/creditbank/credentials/document-loader.ts';
import { achievementCredential, verificationMethodId } from '../server/modules/creditbank/credentials/open-badges.ts';
import { statusListEntry } from '../server/modules/creditbank/credentials/status-list.ts';

const runs = 100;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
async function timed(run: () => unknown): Promise<number> {
  for (let i = 0; i < 30; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function credentialBench(print: (key: string, value: number, unit: string) => void) {
  const base = 'https://college.example.edu';
  const issuerId = `${base}/api/public/issuers/1`;
  const keys = generateEd25519KeyPair();
  const key = { verificationMethod: verificationMethodId(issuerId, 1), privateKey: keys.privateKey };
  const unsigned = () =>
    achievementCredential({
      id: crypto.randomUUID(),
      issuer: { id: issuerId, name: '天津工业职业学院' },
      validFrom: '2026-07-01T08:00:00Z',
      awardedDate: '2026-06-30T10:00:00Z',
      student: { studentNo: '2024460303017', name: '李明' },
      achievement: {
        key: 'certificate|3|intermediate',
        achievementType: 'Certificate',
        name: '工业互联网网络运维（中级）',
        description: '工业和信息化部教育与考试中心颁发的职业技能等级证书“工业互联网网络运维”，等级：中级。',
        criteria: '持有“工业互联网网络运维”中级证书，经天津工业职业学院学分银行核验，按学分置换规则认定 4 学分。',
        creditsAvailable: 4,
        humanCode: 'ZY-GYHL',
        resultValue: '中级',
      },
      creditsEarned: 4,
      credentialStatus: statusListEntry(`${base}/api/public/status-lists/0b6d7c1e-4d1b-4c55-9d0e-2f5a5d9c1a10`, 94_567),
    });
  const signed = await signDocument(unsigned(), key);
  const resolveKey = async () => keys.publicKey;
  const check = await verifyDocument(signed, { resolveKey });
  if (!check.verified) throw new Error(`the bench credential does not verify: ${check.reason}`);
  console.log(`# credential: ${Buffer.byteLength(JSON.stringify(signed))} bytes, key ${publicKeyMultibase(keys.publicKey).slice(0, 12)}…`);

  print('credential.issue_ms', await timed(() => signDocument(unsigned(), key)), 'ms');
  print('credential.verify_ms', await timed(() => verifyDocument(signed, { resolveKey })), 'ms');
  const bytes = Buffer.from(JSON.stringify(signed));
  const signature = crypto.sign(null, bytes, keys.privateKey);
  print('credential.baseline.ed25519_sign_ms', await timed(() => crypto.sign(null, bytes, keys.privateKey)), 'ms');
  print('credential.baseline.ed25519_verify_ms', await timed(() => crypto.verify(null, bytes, keys.publicKey, signature)), 'ms');
  const { proof: _proof, ...document } = signed;
  print(
    'credential.baseline.canonicalize_ms',
    await timed(() =>
      jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: contextLoader, safe: true }),
    ),
    'ms',
  );
}
