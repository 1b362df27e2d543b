import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { resultsWorkbook } from '../../bench/creditbank.ts';
import { setUpRush } from '../../bench/rush.ts';
import { bootstrap } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/connection.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { demoPassword, testMasterKey } from '../support/constants.ts';
import { seedStudentSessions } from '../support/sessions.ts';
import { createTestApp } from '../support/test-app.ts';

/**
 * SIGKILL (issue 11): the server dies with no chance to finish anything while a selection rush and a bulk
 * certificate import are in flight. Restarted on the same database: every answer a client received as
 * committed is there, the import is all there or not at all, no section is over capacity, the ledger
 * verifies, and a repeated request id gets its stored answer.
 */
interface Server {
  process: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let tries = 0; ; tries++) {
    const up = await fetch(`http://127.0.0.1:${env.PORT}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (up) break;
    if (tries > 1200 || child.exitCode !== null) throw new Error(`server did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { process: child, exited, stderr: () => stderr };
}

async function signIn(base: string, username: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

describe('SIGKILL during a selection rush and a bulk certificate import', () => {
  it('restarts on the same database with every committed answer kept and nothing half-written', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-crash-'));
    const pii = new PiiCipher(testMasterKey);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: work,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
      SITONG_SECRET_KEY: testMasterKey.toString('base64'),
      PORT: String(43_000 + Math.floor(Math.random() * 2000)),
    };
    delete env.DATABASE_URL;
    let close = async () => {};
    let database: Database;
    if (inject('dbKind') === 'postgres') {
      const app = await createTestApp();
      await app.fastify.close();
      database = app.database;
      env.DATABASE_URL = app.databaseUrl!;
      close = () => app.close();
    } else {
      const started = await bootstrap({ ...readConfig({ DATA_DIR: work } as NodeJS.ProcessEnv), demoStudents: 300 }, { pii });
      await started.fastify.close();
      database = started.database;
    }
    const base = `http://127.0.0.1:${env.PORT}`;
    let server: Server | null = null;
    try {
      const rush = await setUpRush(database, 2);
      const students = rush.students
        .filter((student) => rush.sections.some((section) => section.ownerGroupId !== student.groupId))
        .slice(0, 280);
      const sessions = await seedStudentSessions(
        (text, params) => database.query(text, params),
        students.map((student) => student.id),
      );
      const sectionOf = new Map(
        students.map((student) => [student.id, rush.sections.find((section) => section.ownerGroupId !== student.groupId)!.id]),
      );
      const rows = inject('dbKind') === 'postgres' ? 6000 : 2500;
      const { file } = await resultsWorkbook(database, pii, rows);
      if (inject('dbKind') === 'pglite') await database.close();

      server = await startServer(env);
      const staff = await signIn(base, 'jiaowu');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), 'results.xlsx');
      const previewed = await fetch(`${base}/api/imports/certificate_results/preview`, {
        method: 'POST',
        headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
        body: form,
      });
      expect(previewed.status).toBe(201);
      const batchId = ((await previewed.json()) as { id: string }).id;

      let answered = 0;
      const requestIds = new Map<number, string>();
      const send = async (session: (typeof sessions)[number]) => {
        const requestId = crypto.randomUUID();
        requestIds.set(session.studentId, requestId);
        try {
          const response = await fetch(`${base}/api/me/selections`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
            body: JSON.stringify({ sectionId: sectionOf.get(session.studentId), requestId }),
          });
          const body = (await response.json()) as { outcome?: string };
          answered += 1;
          return { session, status: response.status, outcome: body.outcome ?? null };
        } catch {
          return { session, status: 0, outcome: null };
        }
      };
      // The rush is paced so that it is still running when the server dies.
      const inFlight: Array<ReturnType<typeof send>> = [];
      const sending = (async () => {
        for (const session of sessions) {
          inFlight.push(send(session));
          if (inFlight.length % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      for (let waited = 0; answered < 20 && waited < 500; waited++) await new Promise((resolve) => setTimeout(resolve, 10));
      // The bulk import's commit starts while selections are being answered; the kill comes while it runs.
      let commitStatus: number | null = null;
      const commit = fetch(`${base}/api/imports/batches/${batchId}/commit`, {
        method: 'POST',
        headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      }).then(
        (response) => (commitStatus = response.status),
        () => (commitStatus = 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const commitAnsweredBeforeKill = commitStatus !== null;
      server.process.kill('SIGKILL');
      expect(await server.exited).toBeNull();
      await sending;
      const answers = await Promise.all(inFlight);
      await commit;
      // Killed in the middle of both: the commit had no answer yet, and some selections never got one.
      expect(commitAnsweredBeforeKill).toBe(false);
      expect(answers.some((answer) => answer.status === 0)).toBe(true);
      const committed = answers.filter((answer) => answer.status === 200 && ['enrolled', 'waitlisted'].includes(answer.outcome ?? ''));
      expect(committed.length).toBeGreaterThan(0);

      // Restart on the same database (PGlite recovers its data directory, PostgreSQL its own).
      server = await startServer(env);
      // A repeated request id gets the answer stored before the crash, and places nobody twice.
      if (committed.length > 0) {
        const first = committed[0]!;
        const again = await fetch(`${base}/api/me/selections`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: first.session.cookie, 'x-csrf-token': first.session.csrfToken },
          body: JSON.stringify({ sectionId: sectionOf.get(first.session.studentId), requestId: requestIds.get(first.session.studentId) }),
        });
        expect(again.status).toBe(200);
        expect(((await again.json()) as { outcome: string }).outcome).toBe(first.outcome);
      }
      const staffAgain = await signIn(base, 'jiaowu');
      const ledger = (await (await fetch(`${base}/api/creditbank/ledger/verify`, { headers: { cookie: staffAgain.cookie } })).json()) as {
        intact: boolean;
        problems: unknown[];
      };
      expect(ledger.problems).toEqual([]);
      expect(ledger.intact).toBe(true);
      server.process.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      server = null;

      const check =
        inject('dbKind') === 'postgres'
          ? await openDatabase({ databaseUrl: env.DATABASE_URL! })
          : await openDatabase({ dataDir: path.join(work, 'pglite') });
      try {
        const sectionIds = rush.sections.map((section) => section.id);
        const placed = await check.query<{ student_id: string; n: number }>(
          `SELECT student_id::text, count(*)::int AS n FROM enrolments WHERE section_id = ANY($1::bigint[]) AND status IN ('enrolled', 'waitlisted') GROUP BY student_id`,
          [sectionIds],
        );
        const placedIds = new Set(placed.map((row) => Number(row.student_id)));
        for (const answer of committed) expect(placedIds.has(answer.session.studentId)).toBe(true);
        expect(placed.filter((row) => row.n > 1)).toEqual([]);
        // Every placement has its stored answer (one transaction): none was written half.
        const [{ orphans }] = (await check.query<{ orphans: number }>(
          `SELECT count(*)::int AS orphans FROM enrolments e WHERE e.section_id = ANY($1::bigint[]) AND e.status IN ('enrolled', 'waitlisted')
             AND NOT EXISTS (SELECT 1 FROM selection_requests r WHERE r.student_id = e.student_id AND r.section_id = e.section_id)`,
          [sectionIds],
        )) as [{ orphans: number }];
        expect(orphans).toBe(0);
        const [{ over }] = (await check.query<{ over: number }>(
          `SELECT count(*)::int AS over FROM sections s WHERE s.id = ANY($1::bigint[])
             AND (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'enrolled') > s.capacity`,
          [sectionIds],
        )) as [{ over: number }];
        expect(over).toBe(0);

        // The import: all of it or none of it, and the batch says which.
        const [batch] = await check.query<{ status: string }>('SELECT status FROM import_batches WHERE id = $1', [batchId]);
        const [{ outcomes }] = (await check.query<{ outcomes: number }>(
          `SELECT count(*)::int AS outcomes FROM learning_outcomes WHERE evidence->>'batchId' = $1`,
          [batchId],
        )) as [{ outcomes: number }];
        const [{ reviews }] = (await check.query<{ reviews: number }>(
          'SELECT count(*)::int AS reviews FROM certificate_import_reviews WHERE import_batch_id = $1',
          [batchId],
        )) as [{ reviews: number }];
        // (Other ledger entries may appear after the restart: the scheduler catches up on credits earned in courses.)
        const [{ entries }] = (await check.query<{ entries: number }>(
          `SELECT count(*)::int AS entries FROM ledger_entries e JOIN learning_outcomes o ON o.id = e.outcome_id WHERE o.evidence->>'batchId' = $1`,
          [batchId],
        )) as [{ entries: number }];
        if (batch!.status === 'committed') {
          expect(outcomes + reviews).toBe(rows);
          expect(entries).toBeGreaterThanOrEqual(outcomes);
        } else {
          expect(commitStatus).not.toBe(200);
          expect([outcomes, reviews, entries]).toEqual([0, 0, 0]);
        }
      } finally {
        await check.close();
      }
    } finally {
      if (server) {
        server.process.kill('SIGKILL');
        await server.exited;
      }
      await close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});
