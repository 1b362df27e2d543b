/**
 * Guessing passwords is made slow without letting anyone lock another person out:
 * - failures are counted per (account, client address); after a few, that address must wait before
 *   its next try on that account, the wait doubling with each failure (up to 15 minutes);
 * - an account's failures from every address in the last 15 minutes only slow each attempt on it
 *   (a pause before the answer), so its owner coming from another address still gets in.
 * The counters live in the database (every server process shares them) and are updated atomically.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/connection.ts';
import { rowsOf } from '../db/sql.ts';
import { loginFailures } from './schema.ts';

export const loginRules = {
  /** Failures from one address on one account before it must wait. */
  freeFailures: 3,
  maxWaitSeconds: 900,
  /** Account-wide failures in the window after which every attempt on it is slowed. */
  accountSlowAfter: 10,
  accountWindowMinutes: 15,
  slowStepMs: 250,
  maxSlowMs: 3000,
  /** A pair's count starts again after a day without failures. */
  forgetAfterHours: 24,
};

/** The account a counter is kept for: the name as typed, normalised (unknown names are counted too). */
export const accountKey = (username: string) => username.trim().toLowerCase().slice(0, 100);

export interface GuardVerdict {
  /** Failures counted for this (account, address). */
  failures: number;
  /** Seconds this address must still wait before trying this account again, or 0. */
  waitSeconds: number;
  /** Milliseconds every attempt on this account is slowed by. */
  slowMs: number;
  /** Seconds before this address may try any account again (too many failures from it), or 0. */
  addressWaitSeconds: number;
}

/** Seconds an address waits after `failures` failures (0 while within the free ones). */
export function waitAfter(failures: number): number {
  if (failures < loginRules.freeFailures) return 0;
  return Math.min(2 ** (failures - loginRules.freeFailures), loginRules.maxWaitSeconds);
}

/** Failed sign-ins from one client address over all accounts, per minute (a whole class behind one NAT may still log in). */
export const addressFailureLimit = { name: 'login_failures', limit: 20, windowSeconds: 60 };

/** The guard's counters as one query returns them (see guardColumnsSql and checkLoginGuard). */
export interface GuardRow {
  pair_failures: number | string | null;
  pair_since: number | string | null;
  account_failures: number | string | null;
  address_hits: number | string | null;
  address_wait: number | string | null;
}

/**
 * The guard's columns and joins for a query whose parameters $2 = account, $3 = address (the login
 * reads them in the same statement as the account, one round trip).
 */
export const guardSql = {
  columns: `p.failures AS pair_failures, extract(epoch FROM now() - p.last_failed_at) AS pair_since,
    (SELECT coalesce(sum(a.failures), 0) FROM login_failures a
      WHERE a.account = $2 AND a.last_failed_at > now() - make_interval(mins => ${loginRules.accountWindowMinutes})) AS account_failures,
    r.hits AS address_hits,
    ceil(extract(epoch FROM r.window_started_at + make_interval(secs => ${addressFailureLimit.windowSeconds}) - now())) AS address_wait`,
  joins: `LEFT JOIN login_failures p ON p.account = $2 AND p.address = $3
      AND p.last_failed_at > now() - make_interval(hours => ${loginRules.forgetAfterHours})
    LEFT JOIN rate_limits r ON r.key = '${addressFailureLimit.name}:' || $3
      AND r.window_started_at > now() - make_interval(secs => ${addressFailureLimit.windowSeconds})`,
};

export function guardVerdict(row: GuardRow | undefined): GuardVerdict {
  const pairFailures = Number(row?.pair_failures ?? 0);
  const since = Number(row?.pair_since ?? 0);
  const waitSeconds = Math.max(0, Math.ceil(waitAfter(pairFailures) - since));
  const over = Number(row?.account_failures ?? 0) - loginRules.accountSlowAfter;
  const slowMs = over >= 0 ? Math.min((over + 1) * loginRules.slowStepMs, loginRules.maxSlowMs) : 0;
  const addressWaitSeconds = Number(row?.address_hits ?? 0) >= addressFailureLimit.limit ? Math.max(1, Number(row?.address_wait ?? 1)) : 0;
  return { failures: pairFailures, waitSeconds, slowMs, addressWaitSeconds };
}

export async function checkLoginGuard(database: Pick<Database, 'query'>, account: string, address: string): Promise<GuardVerdict> {
  const [row] = await database.query<GuardRow>(
    `SELECT ${guardSql.columns} FROM (SELECT $1::int) one ${guardSql.joins}`,
    [0, account, address],
    { preparedAs: 'platform_login_guard' },
  );
  return guardVerdict(row);
}

/** Counts one failure for the pair, atomically (parallel failures each add one); answers the new count. */
export async function recordLoginFailure(db: Pick<Db, 'execute'>, account: string, address: string): Promise<number> {
  const [row] = rowsOf<{ failures: number }>(
    await db.execute(sql`
      INSERT INTO login_failures AS f (account, address, failures, last_failed_at) VALUES (${account}, ${address}, 1, now())
      ON CONFLICT (account, address) DO UPDATE SET
        failures = CASE WHEN f.last_failed_at <= now() - make_interval(hours => ${loginRules.forgetAfterHours}) THEN 1 ELSE f.failures + 1 END,
        last_failed_at = now()
      RETURNING failures`),
  );
  return Number(row!.failures);
}

/** A success from an address clears that address's count for the account (others' stay). */
export async function clearLoginFailures(db: Pick<Db, 'delete'>, account: string, address?: string): Promise<void> {
  await db
    .delete(loginFailures)
    .where(
      address === undefined
        ? eq(loginFailures.account, account)
        : and(eq(loginFailures.account, account), eq(loginFailures.address, address)),
    );
}

export async function purgeLoginFailures(db: Pick<Db, 'execute'>): Promise<void> {
  await db.execute(sql`DELETE FROM login_failures WHERE last_failed_at < now() - make_interval(hours => ${loginRules.forgetAfterHours})`);
}

/** Waits `ms` (a timer of 0 still costs a millisecond, so none is set then). */
export const pause = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
