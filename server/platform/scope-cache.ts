import type { Db } from '../db/connection.ts';
import type { ScopeTree } from './access.ts';

/**
 * The scope tree is read on every permission check, so it is cached; writes to the organisation's
 * structure invalidate it, and a short lifetime bounds staleness when several servers share a database.
 */
export class ScopeTreeCache {
  private cached: { tree: ScopeTree; loadedAt: number } | null = null;
  private loading: Promise<ScopeTree> | null = null;

  constructor(
    private readonly load: (db?: Db) => Promise<ScopeTree>,
    private readonly maxAgeMs = 5_000,
  ) {}

  /**
   * The tree, loaded again when older than its lifetime. Inside a transaction pass the transaction:
   * the embedded database has one connection, so a load outside it would wait for the transaction.
   */
  async get(db?: Db): Promise<ScopeTree> {
    if (this.cached && Date.now() - this.cached.loadedAt < this.maxAgeMs) return this.cached.tree;
    if (db) {
      const tree = await this.load(db);
      this.cached = { tree, loadedAt: Date.now() };
      return tree;
    }
    this.loading ??= this.load()
      .then((tree) => {
        this.cached = { tree, loadedAt: Date.now() };
        return tree;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  invalidate(): void {
    this.cached = null;
  }
}
