import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { setUpRush } from '../../bench/rush.ts';
import { bootstrap } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/connection.ts';
import { PiiCipher } from '../../server/platform/pii.ts';
import { demoPassword, testMasterKey } from '../support/constants.ts';
import { makeXlsx } from '../support/xlsx.ts';
import { seedStudentSessions } from '../support/sessions.ts';
import { createTestApp } from '../support/test-app.ts';

/**
 * SIGTERM (issue 11): the server stops taking new requests, answers the ones in flight — selections
 * waiting in the batch queue included — and only then closes the database and exits. Every answer a
 * client received as committed is in the database afterwards, and nothing else is.
 */
describe('SIGTERM during a selection rush', () => {
  it('drains the requests in flight before the process exits', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitong-drain-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: work,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'silent',
      SITONG_SECRET_KEY: testMasterKey.toString('base64'),
      PORT: String(41_000 + Math.floor(Math.random() * 2000)),
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
      const started = await bootstrap(
        { ...readConfig({ DATA_DIR: work } as NodeJS.ProcessEnv), demoStudents: 300 },
        { pii: new PiiCipher(testMasterKey) },
      );
      await started.fastify.close();
      database = started.database;
    }
    try {
      const rush = await setUpRush(database, 2);
      const students = rush.students.slice(0, 120);
      const sessions = await seedStudentSessions(
        (text, params) => database.query(text, params),
        students.map((student) => student.id),
      );
      const sectionOf = new Map(
        students.map((student) => [student.id, rush.sections.find((section) => section.ownerGroupId !== student.groupId)!.id]),
      );
      if (inject('dbKind') === 'pglite') await database.close();

      const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      server.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      const base = `http://127.0.0.1:${env.PORT}`;
      for (let tries = 0; ; tries++) {
        const up = await fetch(`${base}/api/health`)
          .then((response) => response.ok)
          .catch(() => false);
        if (up) break;
        if (tries > 600) throw new Error(`server did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      // On PostgreSQL the test holds the sections' rows locked, so that every selection is still in the server
      // (in its batch queue or waiting on the lock) when the signal comes; the lock is let go a moment after.
      const holder = inject('dbKind') === 'postgres' ? await openDatabase({ databaseUrl: env.DATABASE_URL!, poolSize: 1 }) : null;
      let release = () => {};
      if (holder) {
        const locked = new Promise<void>((resolve, reject) => {
          holder.db
            .transaction(async (tx) => {
              await tx.execute(
                sql`SELECT id FROM sections WHERE id IN (${sql.join(
                  rush.sections.map((section) => sql`${section.id}`),
                  sql`, `,
                )}) FOR UPDATE`,
              );
              resolve();
              await new Promise<void>((done) => (release = done));
            })
            .catch(reject);
        });
        await locked;
      }
      let answeredAtSignal = -1;
      let answered = 0;
      const send = async (session: (typeof sessions)[number]) => {
        try {
          const response = await fetch(`${base}/api/me/selections`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
            body: JSON.stringify({ sectionId: sectionOf.get(session.studentId), requestId: crypto.randomUUID() }),
          });
          const body = (await response.json()) as { outcome?: string };
          answered += 1;
          return { studentId: session.studentId, status: response.status, outcome: body.outcome ?? null, error: null };
        } catch (error) {
          return {
            studentId: session.studentId,
            status: 0,
            outcome: null,
            error: String((error as { cause?: { code?: string } }).cause?.code ?? error),
          };
        }
      };
      // On PGlite (one process, nothing else can lock it) a slow request keeps the server busy instead: the
      // preview of a 20,000-row student sheet, which must still be answered after the signal.
      let slow: Promise<number> | null = null;
      if (!holder) {
        const login = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'jiaowu', password: demoPassword }),
        });
        const cookie = login.headers
          .getSetCookie()
          .map((line) => line.split(';')[0])
          .join('; ');
        const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
        const rows = Array.from({ length: 20_000 }, (_, index) => [
          `2099${String(index).padStart(6, '0')}`,
          `学生${index}`,
          '男',
          2025,
          '430401',
          '',
          '在读',
          '',
          '',
        ]);
        const sheet = await makeXlsx(['学号', '姓名', '性别', '年级', '专业代码', '班级代码', '学籍状态', '身份证号', '手机号'], rows);
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(sheet)]), 'students.xlsx');
        slow = fetch(`${base}/api/imports/students/preview`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf },
          body: form,
        }).then(
          (response) => response.status,
          () => 0,
        );
      }
      const inFlight = sessions.map(send);
      // Signal once the requests are in the server (on PostgreSQL they all wait on the lock).
      await new Promise((resolve) => setTimeout(resolve, holder ? 1500 : 300));
      answeredAtSignal = answered;
      server.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      const answers = await Promise.all(inFlight);
      await holder?.close();
      expect(await exited).toBe(0);
      // A request fails only if the server never took it up: refused, or reset before it was read (on PGlite the
      // event loop is busy with the database, so unread requests can wait in their sockets when closing starts).
      // That none of those was processed is checked below: every placed enrolment had its answer.
      expect(answers.filter((answer) => answer.error !== null && !['ECONNREFUSED', 'ECONNRESET'].includes(answer.error))).toEqual([]);
      expect(answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
      // Requests in the server when the signal came were answered after it.
      if (holder) expect(answered).toBeGreaterThan(answeredAtSignal);
      else expect(await slow).toBe(201);
      const committed = answers.filter(
        (answer) => answer.status === 200 && (answer.outcome === 'enrolled' || answer.outcome === 'waitlisted'),
      );

      const check =
        inject('dbKind') === 'postgres'
          ? await openDatabase({ databaseUrl: env.DATABASE_URL! })
          : await openDatabase({ dataDir: path.join(work, 'pglite') });
      try {
        const placed = await check.query<{ student_id: string; status: string }>(
          `SELECT student_id::text, status FROM enrolments WHERE section_id = ANY($1::bigint[]) AND status IN ('enrolled', 'waitlisted')`,
          [rush.sections.map((section) => section.id)],
        );
        expect(new Set(placed.map((row) => Number(row.student_id)))).toEqual(new Set(committed.map((answer) => answer.studentId)));
        const [{ over }] = (await check.query<{ over: number }>(
          `SELECT count(*)::int AS over FROM sections s WHERE s.id = ANY($1::bigint[])
             AND (SELECT count(*) FROM enrolments e WHERE e.section_id = s.id AND e.status = 'enrolled') > s.capacity`,
          [rush.sections.map((section) => section.id)],
        )) as [{ over: number }];
        expect(over).toBe(0);
      } finally {
        await check.close();
      }
    } finally {
      await close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
