import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throw-away PostgreSQL server on a loopback port (Debian's `postgresql` package), for tests and benchmarks. */
export interface ThrowawayPostgres {
  url: (database?: string) => string;
  /** The same server through its Unix-domain socket. */
  socketUrl: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

function findBinDir(): string {
  const candidates = [
    process.env.PG_BIN_DIR,
    ...(fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  for (const dir of candidates) if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  throw new Error('PostgreSQL server binaries not found: install Debian package "postgresql" (or set PG_BIN_DIR)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * `durable: true` keeps PostgreSQL's production durability (fsync, synchronous_commit and full_page_writes
 * on, as a real server runs): benchmarks use it. Tests turn it off, since a crash loses nothing they need.
 */
export async function startThrowawayPostgres(options: { durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const binDir = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root: run the server as the postgres system user then.
  const run = (command: string, args: string[]) => {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', path.join(binDir, command), ...args], { stdio: 'pipe' });
    else execFileSync(path.join(binDir, command), args, { stdio: 'pipe' });
  };
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o755);
  run('initdb', [
    '-D',
    dataDir,
    '-U',
    'sitong',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    ...(options.durable ? [] : ['--no-sync']),
  ]);
  const settings = [
    '-c',
    `port=${port}`,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=256MB',
  ];
  const command = asRoot ? 'runuser' : path.join(binDir, 'postgres');
  const args = asRoot ? ['-u', 'postgres', '--', path.join(binDir, 'postgres'), '-D', dataDir, ...settings] : ['-D', dataDir, ...settings];
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ready && log.includes('ready to accept connections')) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    url: (database = 'postgres') => `postgres://sitong@127.0.0.1:${port}/${database}`,
    socketUrl: (database = 'postgres') => `postgres://sitong@localhost:${port}/${database}?host=${encodeURIComponent(dir)}`,
    stop: async () => {
      // runuser does not pass signals on to the server, so stop it with pg_ctl.
      try {
        run('pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '20']);
      } catch {
        child.kill('SIGKILL');
      }
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(null);
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
