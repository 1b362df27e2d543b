/** Reading the scheduler's state for admins: jobs with their row and last run, run history, failures. */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { countAll } from '../db/sql.ts';
import { jobRuns as jobRunsTable, jobs } from './schema.ts';

export async function listJobs(app: AppContext) {
  const registered = app.jobs.list();
  if (registered.length === 0) return [];
  const names = registered.map((job) => job.name);
  const rows = new Map((await app.db.select().from(jobs).where(inArray(jobs.name, names))).map((row) => [row.name, row]));
  const last = new Map(
    (
      await app.db
        .selectDistinctOn([jobRunsTable.job])
        .from(jobRunsTable)
        .where(inArray(jobRunsTable.job, names))
        .orderBy(jobRunsTable.job, desc(jobRunsTable.startedAt), desc(jobRunsTable.id))
    ).map((run) => [run.job, run]),
  );
  const failures = new Map(
    (
      await app.db
        .select({ job: jobRunsTable.job, count: countAll() })
        .from(jobRunsTable)
        .where(
          and(
            inArray(jobRunsTable.job, names),
            eq(jobRunsTable.status, 'failed'),
            gte(jobRunsTable.startedAt, sql`now() - interval '1 day'`),
          ),
        )
        .groupBy(jobRunsTable.job)
    ).map((row) => [row.job, row.count]),
  );
  return registered.map((job) => {
    const row = rows.get(job.name);
    const lastRun = last.get(job.name) ?? null;
    return {
      name: job.name,
      module: job.module,
      title: job.title,
      schedule: row?.schedule ?? '',
      enabled: row?.enabled ?? true,
      nextRunAt: row?.nextRunAt ?? null,
      running: Boolean(row?.leaseOwner && row.leaseUntil && row.leaseUntil > new Date()),
      attempt: row?.attempt ?? 0,
      lastRun: lastRun ? presentRun(lastRun) : null,
      failuresLastDay: failures.get(job.name) ?? 0,
    };
  });
}

export async function jobRuns(app: AppContext, name: string, limit: number) {
  const rows = await app.db
    .select()
    .from(jobRunsTable)
    .where(eq(jobRunsTable.job, name))
    .orderBy(desc(jobRunsTable.startedAt), desc(jobRunsTable.id))
    .limit(limit);
  return rows.map(presentRun);
}

export async function failedRuns(app: AppContext, days: number) {
  const rows = await app.db
    .select()
    .from(jobRunsTable)
    .where(and(eq(jobRunsTable.status, 'failed'), gte(jobRunsTable.startedAt, sql`now() - make_interval(days => ${days})`)))
    .orderBy(desc(jobRunsTable.startedAt))
    .limit(200);
  return rows.map(presentRun);
}

function presentRun(run: typeof jobRunsTable.$inferSelect) {
  return {
    id: run.id,
    job: run.job,
    dueAt: run.dueAt,
    attempt: run.attempt,
    trigger: run.trigger as 'schedule' | 'retry' | 'manual',
    owner: run.owner,
    requestedBy: run.requestedBy,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    status: run.status as 'running' | 'succeeded' | 'failed' | 'abandoned',
    result: run.result as Record<string, unknown> | null,
    error: run.error,
  };
}
