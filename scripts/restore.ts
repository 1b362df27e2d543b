/** `npm run restore -- FILE` into an empty install (a new DATA_DIR, or an empty DATABASE_URL): see server/platform/backup.ts. */
import { readConfig } from '../server/config.ts';
import { restore, RestoreRefused } from '../server/platform/backup.ts';

const file = process.argv[2];
if (!file) {
  console.error('用法 / usage: npm run restore -- FILE.tar.gz');
  process.exit(2);
}
try {
  const manifest = await restore(readConfig(), file);
  const rows = Object.values(manifest.rowCounts).reduce((sum, count) => sum + count, 0);
  console.log(
    `已恢复 ${manifest.createdAt} 的备份（${rows} 行，逐表核对一致）/ restored the backup of ${manifest.createdAt} (${rows} rows, every table's count checked)`,
  );
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`✖ ${error.message}`);
  process.exit(1);
}
