/**
 * node-postgres queues a query handed to a connection that is still busy (warning from the third on) and
 * will refuse it in pg 9. On one connection (a transaction) that is always a mistake — Promise.all over a transaction's
 * queries — so on PostgreSQL the integration tests turn the warning into an error naming both statements.
 */
import pg from 'pg';

type Queued = { _queryQueue?: unknown[]; _activeQuery?: { text?: string } | null; pipeline?: boolean };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: Queued, ...args: unknown[]) {
  if (!this.pipeline && (this._activeQuery || (this._queryQueue?.length ?? 0) > 0)) {
    const config = args[0] as string | { text?: string };
    const text = typeof config === 'string' ? config : config?.text;
    throw new Error(
      `A second query on a busy connection: ${String(text).slice(0, 160)} (while ${String(this._activeQuery?.text).slice(0, 160)})`,
    );
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;
