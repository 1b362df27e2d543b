/** Bench tooling: the real server in a child process, and a keep-alive HTTP client for load. */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { SeededSession } from '../tests/support/sessions.ts';

export interface RunningServer {
  /** Process start to the first 200 on /api/health. */
  startMs: number;
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

export function httpClient(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post(path: string, body: unknown, session: Pick<SeededSession, 'cookie' | 'csrfToken'>): Promise<HttpResponse> {
      const payload = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const request = http.request({
          host: '127.0.0.1', port, path, method: 'POST', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
