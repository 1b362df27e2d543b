/**
 * Facts about sections that every selection reads (course, window, meetings). They change rarely:
 * each write to sections or windows on this server clears them at once, and the lifetime bounds
 * how long another server sharing the database may serve an old window time.
 */
import type { AppContext } from '../../context.ts';

export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly limit = 50_000,
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.limit) this.entries.clear();
    const value = load();
    value.catch(() => this.entries.delete(key));
    this.entries.set(key, { value, at: Date.now() });
    return value;
  }

  /** Stores a value loaded together with another key's (a window's sections come in one query). */
  set(key: K, value: V): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, { value: Promise.resolve(value), at: Date.now() });
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<AppContext, TtlCache<number, unknown>>();

/** The section-facts cache of one app (tests build several apps in one process). */
export function sectionFactsCache<V>(app: AppContext): TtlCache<number, V> {
  let cache = caches.get(app);
  if (!cache) {
    cache = new TtlCache<number, unknown>(15_000);
    caches.set(app, cache);
  }
  return cache as TtlCache<number, V>;
}

export function clearSelectionCache(app: AppContext): void {
  caches.get(app)?.clear();
}

/**
 * Answers already given, by student and request id. An answer never changes once its transaction
 * has committed, so a double click or a retry that reaches this server again is answered from
 * memory; anything else (a first request, another server) goes to the database.
 */
export interface RememberedAnswer<A> {
  action: string;
  sectionId: number;
  answer: A;
}

const answerCaches = new WeakMap<AppContext, Map<string, RememberedAnswer<unknown>>>();
const answerLimit = 200_000;

export function rememberedAnswer<A>(app: AppContext, studentId: number, requestId: string): RememberedAnswer<A> | undefined {
  return answerCaches.get(app)?.get(`${studentId}:${requestId}`) as RememberedAnswer<A> | undefined;
}

/** Call only after the transaction that stored the answer has committed. */
export function keepAnswer<A>(app: AppContext, studentId: number, requestId: string, remembered: RememberedAnswer<A>): void {
  let cache = answerCaches.get(app);
  if (!cache) {
    cache = new Map();
    answerCaches.set(app, cache);
  }
  if (cache.size >= answerLimit) cache.clear();
  cache.set(`${studentId}:${requestId}`, remembered);
}
