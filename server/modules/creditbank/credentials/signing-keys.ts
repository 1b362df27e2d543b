/**
 * Institutions' Ed25519 signing keys: created on the first credential an institution issues, the private
 * key sealed with the server's master key (PiiCipher) and opened once per process. Rotation retires the
 * active key (it stays published for what it signed) and makes the next one.
 */
import crypto, { type KeyObject } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Database, Db } from '../../../db/connection.ts';
import { recordAudit, type RequestContext } from '../../../platform/audit.ts';
import { generateEd25519KeyPair, publicKeyMultibase } from './data-integrity.ts';
import { credentialSigningKeys } from './schema.ts';
import { allocateIds, rowsOf } from '../../../db/sql.ts';

export interface ActiveKey {
  rowId: number;
  keyNo: number;
  publicKeyMultibase: string;
  privateKey: KeyObject;
}

/** Opened keys, per database (tests run several apps in one process) and institution. */
const opened = new WeakMap<Database, Map<number, ActiveKey>>();

function openedOf(database: Database) {
  let keys = opened.get(database);
  if (!keys) opened.set(database, (keys = new Map()));
  return keys;
}

const sealedAt = (rowId: number) => ({ table: 'credential_signing_keys', column: 'private_key_sealed', rowId });

function sealPrivateKey(app: Pick<AppContext, 'pii'>, privateKey: KeyObject, rowId: number): string {
  return app.pii.encrypt((privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64'), sealedAt(rowId));
}

function openPrivateKey(app: Pick<AppContext, 'pii'>, sealed: string, rowId: number): KeyObject {
  return crypto.createPrivateKey({ key: Buffer.from(app.pii.decrypt(sealed, sealedAt(rowId)), 'base64'), format: 'der', type: 'pkcs8' });
}

/**
 * Inserts a new active key numbered after the institution's last one, with its audit entry; nothing if one
 * is active already.
 */
async function insertKey(db: Db, app: Pick<AppContext, 'pii'>, institutionId: number, request: RequestContext): Promise<void> {
  const { publicKey, privateKey } = generateEd25519KeyPair();
  const multibase = publicKeyMultibase(publicKey);
  const [rowId] = await allocateIds(db, 'credential_signing_keys', 1);
  const [row] = rowsOf<{ id: number | string; key_no: number }>(
    await db.execute(sql`
    INSERT INTO credential_signing_keys (id, institution_id, key_no, public_key_multibase, private_key_sealed) OVERRIDING SYSTEM VALUE
    SELECT ${rowId}, ${institutionId}, coalesce(max(key_no), 0) + 1, ${multibase}, ${sealPrivateKey(app, privateKey, rowId!)}
    FROM credential_signing_keys WHERE institution_id = ${institutionId}
    ON CONFLICT DO NOTHING
    RETURNING id, key_no`),
  );
  if (row) {
    await recordAudit(db, request, {
      action: 'creditbank.credential.key_created',
      entity: 'credential_signing_key',
      entityId: Number(row.id),
      institutionId,
      summary: `签名密钥 key-${row.key_no} 已生成`,
      after: { keyNo: row.key_no, publicKeyMultibase: multibase },
    });
  }
}

/** The key that signs for an institution now, created on first use (on behalf of `request`). */
export async function activeSigningKey(
  app: Pick<AppContext, 'db' | 'database' | 'pii'>,
  institutionId: number,
  request: RequestContext = { actor: null },
): Promise<ActiveKey> {
  const cache = openedOf(app.database);
  const cached = cache.get(institutionId);
  if (cached) return cached;
  const find = async () =>
    (
      await app.db
        .select()
        .from(credentialSigningKeys)
        .where(and(eq(credentialSigningKeys.institutionId, institutionId), eq(credentialSigningKeys.status, 'active')))
    )[0];
  let row = await find();
  if (!row) {
    // Two first issues at once: the partial unique index keeps one, the other insert does nothing.
    await app.db.transaction((tx) => insertKey(tx, app, institutionId, request));
    row = await find();
  }
  const key = {
    rowId: row!.id,
    keyNo: row!.keyNo,
    publicKeyMultibase: row!.publicKeyMultibase,
    privateKey: openPrivateKey(app, row!.privateKeySealed, row!.id),
  };
  cache.set(institutionId, key);
  return key;
}

/** Retires the active key (it stays published) and creates the next; returns the new key number. */
export async function rotateSigningKey(
  app: Pick<AppContext, 'db' | 'database' | 'pii'>,
  institutionId: number,
  request: RequestContext = { actor: null },
): Promise<number> {
  await app.db.transaction(async (tx) => {
    await tx
      .update(credentialSigningKeys)
      .set({ status: 'retired', retiredAt: new Date() })
      .where(and(eq(credentialSigningKeys.institutionId, institutionId), eq(credentialSigningKeys.status, 'active')));
    await insertKey(tx, app, institutionId, request);
  });
  openedOf(app.database).delete(institutionId);
  return (await activeSigningKey(app, institutionId)).keyNo;
}

/** Every key an institution has had, oldest first: what its issuer document publishes. */
export async function publishedKeys(db: Db, institutionId: number) {
  return db
    .select({
      id: credentialSigningKeys.id,
      keyNo: credentialSigningKeys.keyNo,
      publicKeyMultibase: credentialSigningKeys.publicKeyMultibase,
      status: credentialSigningKeys.status,
    })
    .from(credentialSigningKeys)
    .where(eq(credentialSigningKeys.institutionId, institutionId))
    .orderBy(asc(credentialSigningKeys.keyNo));
}
