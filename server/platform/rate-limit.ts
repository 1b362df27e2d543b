/**
 * Request limits kept in the database, so that every server process counts against the same window:
 * an in-memory counter per process lets a client spread its attempts over the processes. One
 * statement per hit, atomic under concurrency (parallel hits each add one).
 */
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { rowsOf } from '../db/sql.ts';
import { AppError } from './errors.ts';
import { rateLimits } from './schema.ts';

export interface RateLimit {
  /** What is limited, e.g. `verify`; the key is `<name>:<who>`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Counts one hit; answers the seconds to wait when the window's limit is passed, else null. */
export async function hitRateLimit(db: Pick<Db, 'execute'>, rule: RateLimit, who: string): Promise<number | null> {
  const key = `${rule.name}:${who}`.slice(0, 300);
  const [row] = rowsOf<{ hits: number; wait: number | string }>(
    await db.execute(sql`
      INSERT INTO rate_limits AS r (key, window_started_at, hits) VALUES (${key}, now(), 1)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN r.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds}) THEN 1 ELSE r.hits + 1 END,
        window_started_at = CASE WHEN r.window_started_at <= now() - make_interval(secs => ${rule.windowSeconds}) THEN now() ELSE r.window_started_at END
      RETURNING hits, ceil(extract(epoch FROM r.window_started_at + make_interval(secs => ${rule.windowSeconds}) - now())) AS wait`),
  );
  return row!.hits > rule.limit ? Math.max(1, Number(row!.wait)) : null;
}

/** As `hitRateLimit`, throwing 429 with the wait when over the limit. */
export async function enforceRateLimit(db: Pick<Db, 'execute'>, rule: RateLimit, who: string): Promise<void> {
  const wait = await hitRateLimit(db, rule, who);
  if (wait !== null) throw new AppError(429, 'TOO_MANY_REQUESTS', 'error.too_many_requests', { seconds: wait });
}

/** Drops windows that ended (run by the platform's cleanup job). */
export async function purgeRateLimits(db: Db, olderThanSeconds = 86_400): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStartedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`))
    .returning({ key: rateLimits.key });
  return gone.length;
}
