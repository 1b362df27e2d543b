/**
 * Browser-test harness: builds the web app if it is missing, starts the real server in-process on
 * a fresh PGlite data directory with demo data, and launches Debian's Chromium via playwright-core.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readConfig } from '../../server/config.ts';
import { bootstrap, type Started } from '../../server/bootstrap.ts';
import { webDist } from '../../server/app.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const demoPassword = 'Sitong@2026';
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface Harness {
  baseUrl: string;
  browser: Browser;
  started: Started;
  tmpDir: string;
  newPage: (options?: { locale?: string }) => Promise<{ context: BrowserContext; page: Page }>;
  close: () => Promise<void>;
}

/** Builds the web app unless a build is there; `fresh` builds it again whatever is there (benchmarks measure the current code). */
export function ensureWebBuilt(options: { fresh?: boolean } = {}): void {
  if (!options.fresh && fs.existsSync(path.join(webDist, 'index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) throw new Error(`vite build failed with status ${result.status}`);
}

/** `env` adds settings, e.g. `{ NODE_ENV: 'production' }` for an empty production install. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  ensureWebBuilt();
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (apt-get install chromium fonts-noto-cjk)`);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-e2e-'));
  const config = {
    ...readConfig({ DATA_DIR: tmpDir, DEMO_STUDENTS: '600', LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv),
    // The browser tests always run on the embedded PGlite database, whatever the environment says.
    databaseUrl: undefined,
    port: 0,
  };
  const started = await bootstrap(config, {});
  let browser: Browser | null = null;
  try {
    await started.fastify.listen({ port: 0, host: '127.0.0.1' });
    const address = started.fastify.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const launched = browser;
    const contexts: BrowserContext[] = [];
    return {
      baseUrl,
      browser: launched,
      started,
      tmpDir,
      newPage: async (options = {}) => {
        const context = await launched.newContext({
          baseURL: baseUrl,
          locale: options.locale ?? 'zh-CN',
          viewport: { width: 1440, height: 900 },
          acceptDownloads: true,
        });
        contexts.push(context);
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        return { context, page };
      },
      close: async () => {
        for (const context of contexts) await context.close().catch(() => undefined);
        await launched.close().catch(() => undefined);
        await started.fastify.close();
        await started.database.close();
        fs.rmSync(tmpDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await started.fastify.close().catch(() => undefined);
    await started.database.close().catch(() => undefined);
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
}

/** Log in through the login form and wait for the app shell. */
export async function login(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}
