/**
 * `npm run admin -- create --username NAME [--name 显示名] [--alliance 联盟名称]`: an administrator on the
 * alliance, the password read from standard input (typed without echo at a terminal, or piped). On an empty
 * install this is how the first administrator is made; there is no default account or password.
 */
import path from 'node:path';
import readline from 'node:readline';
import { readConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { migrate } from '../server/db/migrate.ts';
import { modules } from '../server/modules/index.ts';
import { AppError } from '../server/platform/errors.ts';
import { createAdministrator } from '../server/platform/first-admin.ts';
import { translate } from '../server/platform/messages.ts';

function option(name: string): string | null {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? null) : null;
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // The typed characters are not echoed.
      (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => {
        if (text.includes(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('密码 / password: ');
  const again = await ask('再输一次 / again: ');
  if (first !== again) throw new Error('两次输入的密码不一致 / the passwords differ');
  return first;
}

async function main() {
  const [command] = process.argv.slice(2);
  const username = option('username');
  if (command !== 'create' || !username) {
    console.error('用法 / usage: npm run admin -- create --username NAME [--name 显示名] [--alliance 联盟名称]  (password on stdin)');
    process.exit(2);
  }
  const config = readConfig();
  const password = await readPassword();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite'), poolSize: 2 });
  try {
    await migrate(database);
    const created = await createAdministrator(
      database.db,
      modules,
      { username, displayName: option('name'), password, allianceName: option('alliance') },
      'command',
    );
    console.log(`已创建管理员 ${username}（${created.scope}）/ administrator ${username} created (${created.scope})`);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`✖ ${translate(error.messageKey, 'zh-CN', error.params)} / ${translate(error.messageKey, 'en', error.params)}`);
      process.exitCode = 1;
    } else throw error;
  } finally {
    await database.close();
  }
}

await main();
