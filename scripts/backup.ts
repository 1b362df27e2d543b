/** `npm run backup -- FILE` (stop the server first): see server/platform/backup.ts. */
import { readConfig } from '../server/config.ts';
import { backup } from '../server/platform/backup.ts';

const file = process.argv[2];
if (!file) {
  console.error('用法 / usage: npm run backup -- FILE.tar.gz');
  process.exit(2);
}
const manifest = await backup(readConfig(), file);
const rows = Object.values(manifest.rowCounts).reduce((sum, count) => sum + count, 0);
console.log(
  `已备份 ${manifest.database} 数据库（迁移版本 ${manifest.schemaVersion}，${rows} 行）与附件到 ${file}；主密钥不在其中 / backed up the ${manifest.database} database (migration ${manifest.schemaVersion}, ${rows} rows) and attachments to ${file}; the master key is not in it`,
);
