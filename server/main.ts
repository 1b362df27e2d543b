import { readConfig } from './config.ts';
import { bootstrap, demoPassword } from './bootstrap.ts';
import { demoAccountList } from './demo/accounts.ts';

const startedAt = Date.now();
const config = (() => {
  try {
    return readConfig();
  } catch (error) {
    // A setting that cannot be used: say which and why, without a stack trace.
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
})();
const started = await bootstrap(config, { logger: process.env.LOG_LEVEL !== 'silent' });
await started.fastify.listen({ port: config.port, host: config.host });

const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
const lines = [
  '',
  `四通 Sitong 已启动 / is running: ${url}   (${Date.now() - startedAt} ms)`,
  `数据库 / database: ${started.database.kind}${config.databaseUrl ? '' : ` (${config.dataDir})`}, 迁移版本 / migration v${started.migrationVersion}`,
  `接口文档 / API docs: ${url}/api/docs   OpenAPI: ${url}/api/openapi.json`,
  started.demoAccounts.length > 0 ? '已载入演示数据 / demo data loaded.' : '',
  ...(config.loadDemoData
    ? [
        `演示账号 / demo logins (密码 / password: ${demoPassword}):`,
        ...demoAccountList.map((account) => `  ${account.username.padEnd(12)} ${account.role.padEnd(18)} ${account.scope}`),
      ]
    : []),
  ...(started.setupToken
    ? [
        '尚无任何账号。打开下面的地址创建第一位管理员（24 小时内有效，只能用一次），或运行 npm run admin -- create --username 名称：',
        'No account exists yet. Open this address to create the first administrator (valid 24 hours, once), or run npm run admin -- create --username NAME:',
        `  ${config.publicUrl}/setup?token=${started.setupToken}`,
      ]
    : []),
  '',
];
console.log(lines.filter((line) => line !== null).join('\n'));

// Background work (the modules' jobs and event consumers) runs on the platform scheduler.
started.context.jobs.start();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await started.context.jobs.stop();
    await started.fastify.close();
    await started.database.close();
    process.exit(0);
  });
}
