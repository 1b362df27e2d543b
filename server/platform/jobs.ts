/**
 * The platform scheduler. Modules declare jobs in their manifest (`every` n seconds, or a `cron`
 * expression in Beijing time); every server process runs a Scheduler, and a job row leased in the
 * database (SELECT … FOR UPDATE SKIP LOCKED, then a lease with an expiry) makes each due run happen
 * once however many processes share the database. A run that throws is retried with backoff and
 * never stops the scheduler; every run is kept in job_runs (start, duration, result, error).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { Cron } from 'croner';
import type { AppContext } from '../context.ts';
import { conflict } from './errors.ts';
import type { LocalizedText } from './messages.ts';

export interface JobRunInfo {
  runId: number;
  dueAt: Date;
  attempt: number;
  trigger: 'schedule' | 'retry' | 'manual';
}

export interface JobDefinition {
  /** `<module>.<job>`, unique. */
  name: string;
  title: LocalizedText;
  /** Run every n seconds … */
  every?: number;
  /** … or on a cron expression, Beijing time (e.g. `0 2 * * *`: 02:00 every day). */
  cron?: string;
  /** The lease: how long a run may go without renewing it before another process takes it over. Default 300 s. */
  timeoutSeconds?: number;
  /** Attempts for one due slot before it is given up until the next slot. Default 5. */
  maxAttempts?: number;
  run(app: AppContext, run: JobRunInfo): Promise<Record<string, unknown> | void>;
}

export interface RegisteredJob extends JobDefinition {
  module: string;
}

export const scheduleTimeZone = 'Asia/Shanghai';

export function scheduleText(job: Pick<JobDefinition, 'every' | 'cron'>): string {
  if (job.cron) return `cron ${job.cron}`;
  if (job.every && job.every > 0) return `every ${job.every}s`;
  throw new Error('A job needs `every` (seconds) or `cron`');
}

/** The first slot of the schedule after `now`, counted from the slot `due` (missed slots are skipped, not run). */
export function nextSlot(job: Pick<JobDefinition, 'every' | 'cron'>, due: Date, now: Date): Date {
  if (job.cron) {
    const next = new Cron(job.cron, { timezone: scheduleTimeZone, paused: true }).nextRun(now);
    if (!next) throw new Error(`Cron expression ${job.cron} has no next run`);
    return next;
  }
  const step = job.every! * 1000;
  const behind = now.getTime() - due.getTime();
  const slots = Math.max(1, Math.floor(behind / step) + 1);
  return new Date(due.getTime() + slots * step);
}

/** Backoff before retry n (1, 2, …): base × 2^(n−1), at most 15 minutes. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
}

export interface RunOutcome {
  runId: number;
  status: 'succeeded' | 'failed';
  result: Record<string, unknown> | null;
  error: string | null;
  durationMs: number;
}

interface Lease {
  id: number;
  job: string;
  due_at: Date | string;
  attempt: number;
  trigger: JobRunInfo['trigger'];
}

export interface SchedulerOptions {
  /** How often a process looks for due jobs. */
  tickMs?: number;
  /** Base of the retry backoff. */
  backoffBaseMs?: number;
  /** Jobs run at once by one process. */
  concurrency?: number;
  onError?: (job: string, error: unknown) => void;
}

export class Scheduler {
  readonly owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private readonly definitions = new Map<string, RegisteredJob>();
  private readonly running = new Map<string, Promise<RunOutcome>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly tickMs: number;
  private readonly backoffBaseMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly app: AppContext,
    private readonly options: SchedulerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 1000;
    this.backoffBaseMs = options.backoffBaseMs ?? 10_000;
    this.concurrency = options.concurrency ?? 4;
  }

  register(job: RegisteredJob): void {
    if (this.definitions.has(job.name)) throw new Error(`Job ${job.name} registered twice`);
    scheduleText(job);
    this.definitions.set(job.name, job);
  }

  list(): RegisteredJob[] {
    return [...this.definitions.values()];
  }

  get(name: string): RegisteredJob | undefined {
    return this.definitions.get(name);
  }

  /** One row per registered job; a changed schedule starts from now. */
  async sync(): Promise<void> {
    const rows = this.list().map((job) => ({
      name: job.name,
      module: job.module,
      schedule: scheduleText(job),
      first: firstRun(job).toISOString(),
    }));
    if (rows.length === 0) return;
    await this.app.database.query(
      `INSERT INTO jobs (name, module, schedule, next_run_at)
       SELECT r.name, r.module, r.schedule, r.first::timestamptz FROM jsonb_to_recordset($1::jsonb) AS r(name text, module text, schedule text, first text)
       ON CONFLICT (name) DO UPDATE SET module = EXCLUDED.module, schedule = EXCLUDED.schedule,
         next_run_at = CASE WHEN jobs.schedule = EXCLUDED.schedule THEN jobs.next_run_at ELSE EXCLUDED.next_run_at END,
         updated_at = CASE WHEN jobs.schedule = EXCLUDED.schedule THEN jobs.updated_at ELSE now() END`,
      [JSON.stringify(rows)],
    );
  }

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.ticking = this.tick().then(
        () => undefined,
        (error: unknown) => this.options.onError?.('scheduler', error),
      );
      void this.ticking.finally(() => {
        if (this.timer) this.timer = setTimeout(loop, this.tickMs);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops taking jobs and waits for the runs in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled(this.running.values());
  }

  /** Takes and starts every due job this process has room for; resolves once they are started. */
  async tick(): Promise<number> {
    let started = 0;
    while (this.running.size < this.concurrency) {
      const lease = await this.take();
      if (!lease) break;
      started += 1;
      this.track(lease);
    }
    return started;
  }

  /** Runs every due job to completion (tests and benchmarks). */
  async runDue(): Promise<void> {
    for (;;) {
      const started = await this.tick();
      await Promise.allSettled(this.running.values());
      if (started === 0) return;
    }
  }

  /** Takes one due job's lease and records its run: one statement, so taking it is one round trip. */
  async take(): Promise<Lease | null> {
    const names = this.list().map((job) => job.name);
    if (names.length === 0) return null;
    const timeouts = Object.fromEntries(this.list().map((job) => [job.name, job.timeoutSeconds ?? 300]));
    const [lease] = await this.app.database.query<Lease>(
      `WITH due AS (
         SELECT name FROM jobs
         WHERE enabled AND next_run_at <= clock_timestamp() AND (lease_until IS NULL OR lease_until < clock_timestamp())
           AND name IN (SELECT jsonb_array_elements_text($2::jsonb))
         ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE jobs j SET lease_owner = $1, lease_until = clock_timestamp() + make_interval(secs => ($3::jsonb ->> j.name)::int),
           attempt = CASE WHEN j.lease_owner IS NOT NULL THEN j.attempt + 1 ELSE j.attempt END,
           due_at = coalesce(j.due_at, j.next_run_at), updated_at = now()
         FROM due WHERE j.name = due.name
         RETURNING j.name, j.due_at, j.attempt
       ), abandoned AS (
         UPDATE job_runs r SET status = 'abandoned', finished_at = clock_timestamp(), error = 'lease expired'
         FROM leased WHERE r.job = leased.name AND r.status = 'running' AND r.trigger <> 'manual'
       )
       INSERT INTO job_runs (job, due_at, attempt, trigger, owner)
       SELECT name, due_at, attempt, CASE WHEN attempt > 0 THEN 'retry' ELSE 'schedule' END, $1 FROM leased
       RETURNING id, job, due_at, attempt, trigger`,
      [this.owner, JSON.stringify(names), JSON.stringify(timeouts)],
    );
    return lease ?? null;
  }

  /** "Run now" (an admin's button): runs the job at once unless a run holds its lease; the schedule is untouched. */
  async runNow(name: string, requestedBy: number | null): Promise<{ runId: number; finished: Promise<RunOutcome> }> {
    const job = this.definitions.get(name);
    if (!job) throw new Error(`Unknown job ${name}`);
    const [lease] = await this.app.database.query<Lease>(
      `WITH leased AS (
         UPDATE jobs SET lease_owner = $1, lease_until = clock_timestamp() + make_interval(secs => $3), updated_at = now()
         WHERE name = $2 AND lease_owner IS NULL
         RETURNING name
       )
       INSERT INTO job_runs (job, due_at, attempt, trigger, owner, requested_by)
       SELECT name, clock_timestamp(), 0, 'manual', $1, $4 FROM leased
       RETURNING id, job, due_at, attempt, trigger`,
      [this.owner, name, job.timeoutSeconds ?? 300, requestedBy],
    );
    if (!lease) throw conflict('JOB_RUNNING', 'jobs.running', { name: job.title });
    return { runId: Number(lease.id), finished: this.track(lease) };
  }

  /** Runs a job taken with `take()` to its end (benchmarks time take + run + release). */
  runTaken(lease: Lease): Promise<RunOutcome> {
    return this.track(lease);
  }

  private track(lease: Lease): Promise<RunOutcome> {
    const promise = this.execute(lease).finally(() => this.running.delete(`${lease.job}:${lease.id}`));
    this.running.set(`${lease.job}:${lease.id}`, promise);
    return promise;
  }

  private async execute(lease: Lease): Promise<RunOutcome> {
    const job = this.definitions.get(lease.job)!;
    const dueAt = new Date(lease.due_at);
    const started = performance.now();
    const timeout = job.timeoutSeconds ?? 300;
    const renew = setInterval(
      () => {
        this.app.database
          .query('UPDATE jobs SET lease_until = clock_timestamp() + make_interval(secs => $3) WHERE name = $1 AND lease_owner = $2', [
            job.name,
            this.owner,
            timeout,
          ])
          .catch((error: unknown) => this.options.onError?.(job.name, error));
      },
      Math.max(1000, (timeout * 1000) / 3),
    );
    renew.unref();
    let result: Record<string, unknown> | null = null;
    let failure: unknown = null;
    try {
      result = (await job.run(this.app, { runId: Number(lease.id), dueAt, attempt: lease.attempt, trigger: lease.trigger })) ?? null;
    } catch (error) {
      failure = error;
      this.options.onError?.(job.name, error);
    } finally {
      clearInterval(renew);
    }
    const durationMs = Math.round(performance.now() - started);
    const status = failure ? 'failed' : 'succeeded';
    const errorText = failure ? describeError(failure) : null;
    await this.finish(job, lease, dueAt, status, durationMs, result, errorText).catch((error: unknown) =>
      this.options.onError?.(job.name, error),
    );
    return { runId: Number(lease.id), status, result, error: errorText, durationMs };
  }

  /** Records the run's outcome and releases the lease in one statement: the next slot, a retry, or (manual) the schedule as it was. */
  private async finish(
    job: RegisteredJob,
    lease: Lease,
    dueAt: Date,
    status: 'succeeded' | 'failed',
    durationMs: number,
    result: unknown,
    errorText: string | null,
  ) {
    const now = new Date();
    let mode: 'manual' | 'retry' | 'next' = 'manual';
    let attempt = 0;
    let nextRunAt: Date | null = null;
    if (lease.trigger !== 'manual') {
      const following = nextSlot(job, dueAt, now);
      attempt = lease.attempt + 1;
      const retryAt = new Date(now.getTime() + backoffMs(attempt, this.backoffBaseMs));
      const retry = status === 'failed' && attempt < (job.maxAttempts ?? 5) && retryAt < following;
      mode = retry ? 'retry' : 'next';
      nextRunAt = retry ? retryAt : following;
    }
    await this.app.database.query(
      `WITH run AS (
         UPDATE job_runs SET status = $2, finished_at = clock_timestamp(), duration_ms = $3, result = $4::jsonb, error = $5 WHERE id = $1
       )
       UPDATE jobs SET lease_owner = NULL, lease_until = NULL, updated_at = now(),
         attempt = CASE $8::text WHEN 'manual' THEN attempt WHEN 'retry' THEN $9::int ELSE 0 END,
         due_at = CASE $8::text WHEN 'next' THEN NULL ELSE due_at END,
         next_run_at = CASE $8::text WHEN 'manual' THEN next_run_at ELSE $10::timestamptz END
       WHERE name = $6 AND lease_owner = $7`,
      [
        lease.id,
        status,
        durationMs,
        result === null ? null : JSON.stringify(result),
        errorText,
        job.name,
        this.owner,
        mode,
        attempt,
        nextRunAt?.toISOString() ?? null,
      ],
    );
  }
}

function firstRun(job: Pick<JobDefinition, 'every' | 'cron'>): Date {
  const now = new Date();
  return job.cron ? nextSlot(job, now, now) : now;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
