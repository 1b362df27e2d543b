/** Bench tooling: the real server in a child process, and a keep-alive HTTP client for load. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Pool } from 'undici';
import type { SeededSession } from '../tests/support/sessions.ts';

export interface RunningServer {
  /** Process start to the first 200 on /api/health. */
  startMs: number;
  /** CPU seconds the server process has used so far (Linux /proc; null elsewhere). */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const started = performance.now();
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server, for finding where a figure goes.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startMs = performance.now() - started;
  return {
    startMs,
    cpuSeconds() {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): user and system time in clock ticks.
        const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export interface HttpResponse {
  status: number;
  body: string;
}

/**
 * The load generator runs on the same two cores as the server and the database, so it has to be
 * cheap: with undici's pool its share of the machine during the rush fell from about 15 % to 12 %
 * (perf, node:http's client before).
 */
export function httpClient(port: number, sockets: number) {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: sockets, pipelining: 1 });
  return {
    async post(path: string, body: unknown, session: Pick<SeededSession, 'cookie' | 'csrfToken'>): Promise<HttpResponse> {
      const response = await pool.request({
        path,
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      return { status: response.statusCode, body: await response.body.text() };
    },
    async get(path: string, session: Pick<SeededSession, 'cookie'>): Promise<HttpResponse> {
      const response = await pool.request({ path, method: 'GET', headers: { cookie: session.cookie } });
      return { status: response.statusCode, body: await response.body.text() };
    },
    async close() {
      await pool.close();
    },
  };
}
