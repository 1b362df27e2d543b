/**
 * Changing the master key: every sealed value of every module (their manifests' `sealedColumns`, and
 * the platform's own) is opened with the old key and sealed again with the new one, bound to its row,
 * and every lookup hash is recomputed, in one transaction: either all of it is under the new key or
 * none. Values sealed before binding (v1) come out bound (v2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connection.ts';
import { rowsOf } from '../db/sql.ts';
import type { ModuleManifest, SealedColumn } from './module.ts';
import type { PiiCipher } from './pii.ts';

/** The platform's own sealed columns. */
export const platformSealedColumns: SealedColumn[] = [
  { table: 'import_batches', column: 'rows', json: true },
  { table: 'notification_channels', column: 'secret_sealed' },
  { table: 'notification_channels', column: 'webhook_sealed' },
  { table: 'notification_deliveries', column: 'sealed_params' },
  { table: 'identity_providers', column: 'client_secret_sealed' },
];

export function allSealedColumns(manifests: readonly ModuleManifest[]): SealedColumn[] {
  return [...platformSealedColumns, ...manifests.flatMap((manifest) => manifest.sealedColumns ?? [])];
}

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL name: ${name}`);
  return `"${name}"`;
};

export interface ResealReport {
  table: string;
  column: string;
  rows: number;
}

/** Re-seals every sealed value from one key to the other inside one transaction. */
export async function resealAll(database: Database, from: PiiCipher, to: PiiCipher, columns: SealedColumn[]): Promise<ResealReport[]> {
  return database.db.transaction(async (tx) => {
    const report: ResealReport[] = [];
    for (const sealed of columns) {
      const table = sql.raw(identifier(sealed.table));
      const column = identifier(sealed.column);
      const value = sql.raw(sealed.json ? `${column}->>'sealed'` : column);
      const rows = rowsOf<{ id: string; value: string }>(
        await tx.execute(sql`SELECT id::text AS id, ${value} AS value FROM ${table} WHERE ${value} IS NOT NULL ORDER BY id`),
      );
      const updates = rows.map((row) => {
        const binding = { table: sealed.table, column: sealed.column, rowId: row.id };
        const plain = from.decrypt(row.value, binding);
        return { id: row.id, value: to.encrypt(plain, binding), hash: sealed.lookupHashColumn ? to.lookupHash(plain) : null };
      });
      const assign = sql.raw(
        (sealed.json ? `${column} = jsonb_build_object('sealed', u.value)` : `${column} = u.value`) +
          (sealed.lookupHashColumn ? `, ${identifier(sealed.lookupHashColumn)} = u.hash` : ''),
      );
      for (let start = 0; start < updates.length; start += 2000) {
        await tx.execute(sql`
          UPDATE ${table} t SET ${assign}
          FROM jsonb_to_recordset(${JSON.stringify(updates.slice(start, start + 2000))}::jsonb) AS u(id text, value text, hash text)
          WHERE t.id::text = u.id`);
      }
      report.push({ table: sealed.table, column: sealed.column, rows: updates.length });
    }
    return report;
  });
}

/** Reasons to worry about where the key file is: readable by others, or kept with what it protects. */
export function keyFileWarnings(keyFile: string, guarded: { dataDir: string | null; servedDirs: string[] }): string[] {
  if (!fs.existsSync(keyFile)) return [];
  const warnings: string[] = [];
  const mode = fs.statSync(keyFile).mode & 0o777;
  if (mode & 0o077)
    warnings.push(
      `密钥文件 ${keyFile} 可被其他用户读取（权限 ${mode.toString(8)}），请执行 chmod 600 / the key file is readable by other users (mode ${mode.toString(8)}): chmod 600 it`,
    );
  const inside = (dir: string) => {
    const relative = path.relative(path.resolve(dir), path.resolve(keyFile));
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  for (const served of guarded.servedDirs)
    if (inside(served))
      warnings.push(
        `密钥文件位于对外提供的目录 ${served} 中 / the key file is inside ${served}, which the server publishes: move it (SITONG_KEY_FILE)`,
      );
  if (guarded.dataDir && inside(guarded.dataDir))
    warnings.push(
      `密钥文件与数据同在 ${guarded.dataDir}：备份该目录即同时备份了解密它的密钥；生产环境请用 SITONG_KEY_FILE 放到别处或用 SITONG_SECRET_KEY / the key file is inside DATA_DIR, so a copy of the data carries the key that opens it: in production keep it elsewhere (SITONG_KEY_FILE) or pass SITONG_SECRET_KEY`,
    );
  return warnings;
}
