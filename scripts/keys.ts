/**
 * `npm run keys -- rotate`: a new master key for the personal data and secrets. Stop the server first.
 *
 * With a key file: the new key is written beside it as `<file>.next`, every sealed value is re-sealed
 * under it in one transaction, then the old file is kept as `<file>.previous` and `.next` takes its
 * place. Interrupted between the two, `rotate --resume` finds out which key the data is under and
 * finishes or undoes the swap. With SITONG_SECRET_KEY the new key is printed for you to set instead.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../server/config.ts';
import { openDatabase, type Database } from '../server/db/connection.ts';
import { modules } from '../server/modules/index.ts';
import { recordAudit } from '../server/platform/audit.ts';
import { allSealedColumns, resealAll } from '../server/platform/key-rotation.ts';
import { PiiCipher } from '../server/platform/pii.ts';

const [command, ...flags] = process.argv.slice(2);
const config = readConfig();
const columns = allSealedColumns(modules);

function usage(): never {
  console.error('用法 / usage: npm run keys -- rotate [--resume]');
  process.exit(2);
}

const readKey = (file: string) => Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');

function writeKey(file: string, key: Buffer) {
  const handle = fs.openSync(file, 'wx', 0o600);
  fs.writeSync(handle, key.toString('base64'));
  fs.fsyncSync(handle);
  fs.closeSync(handle);
}

/** True when one sealed value (if any exists) opens with this key. */
async function opensWith(database: Database, key: Buffer): Promise<boolean> {
  const cipher = new PiiCipher(key);
  for (const sealed of columns) {
    const value = sealed.json ? `"${sealed.column}"->>'sealed'` : `"${sealed.column}"`;
    const [row] = await database.query<{ id: string; value: string }>(
      `SELECT id::text AS id, ${value} AS value FROM "${sealed.table}" WHERE ${value} IS NOT NULL LIMIT 1`,
    );
    if (!row) continue;
    try {
      cipher.decrypt(row.value, { table: sealed.table, column: sealed.column, rowId: row.id });
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

async function main() {
  if (command !== 'rotate') usage();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: 2,
  });
  try {
    const fromEnv = process.env.SITONG_SECRET_KEY;
    const next = `${config.keyFile}.next`;
    if (flags.includes('--resume')) {
      if (!fs.existsSync(next)) return console.log('没有中断的密钥轮换 / no interrupted rotation');
      if (!fs.existsSync(config.keyFile)) {
        fs.renameSync(next, config.keyFile);
        return console.log('已完成替换 / the swap is finished');
      }
      if (await opensWith(database, readKey(next))) {
        fs.renameSync(config.keyFile, `${config.keyFile}.previous`);
        fs.renameSync(next, config.keyFile);
        return console.log('数据已在新密钥下，已完成替换 / the data is under the new key: the swap is finished');
      }
      fs.rmSync(next);
      return console.log('数据仍在旧密钥下，已放弃新密钥 / the data is still under the old key: the new key was dropped');
    }
    const oldKey = fromEnv ? Buffer.from(fromEnv, 'base64') : readKey(config.keyFile);
    if (oldKey.length !== 32) throw new Error('The current key is not 32 bytes');
    const newKey = crypto.randomBytes(32);
    if (!fromEnv) writeKey(next, newKey);
    const report = await resealAll(database, new PiiCipher(oldKey), new PiiCipher(newKey), columns).catch((error: unknown) => {
      if (!fromEnv) fs.rmSync(next, { force: true });
      throw error;
    });
    const total = report.reduce((sum, entry) => sum + entry.rows, 0);
    await recordAudit(
      database.db,
      { actor: null },
      {
        action: 'platform.key_rotated',
        entity: 'master_key',
        summary: `主密钥已轮换，重新加密 ${total} 个值`,
        after: { columns: report },
      },
    );
    for (const entry of report) console.log(`  ${entry.table}.${entry.column}: ${entry.rows}`);
    if (fromEnv) {
      console.log(`已用新密钥重新加密 ${total} 个值。请把 SITONG_SECRET_KEY 改为 / re-sealed ${total} values; set SITONG_SECRET_KEY to:`);
      console.log(newKey.toString('base64'));
    } else {
      fs.renameSync(config.keyFile, `${config.keyFile}.previous`);
      fs.renameSync(next, config.keyFile);
      console.log(
        `已用新密钥重新加密 ${total} 个值；旧密钥保存在 ${config.keyFile}.previous，确认无误后请销毁 / re-sealed ${total} values; the old key is in ${config.keyFile}.previous: destroy it once you are satisfied`,
      );
    }
  } finally {
    await database.close();
  }
}

await main();
