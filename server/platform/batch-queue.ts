/**
 * Group commit for a hot write path: requests that arrive while earlier ones are in the database
 * wait and then go together, one transaction for many. With nothing in flight a request goes at
 * once, alone, so a quiet system answers as fast as before; under a rush each transaction carries
 * many requests and the per-transaction cost (round trips, parse, commit) is paid once for all.
 *
 * Requests with the same key (one student) never share a batch: a later one waits for the next,
 * so it sees what the earlier one did.
 *
 * Gathering (`gatherMs`): where the database is one connection in this process (PGlite), a batch is
 * over before the next request has got through its own session check, so without help every batch
 * held one request. Under load (a batch in flight, or one ended moments ago) a batch that could start
 * with fewer than maxBatch items waits up to gatherMs for more; a request after a quiet spell still goes
 * at once.
 */
export interface BatchQueueOptions<T, R> {
  keyOf: (item: T) => string | number;
  /** Runs one batch; returns one result per item, in order, or an Error for an item that failed alone. */
  run: (items: T[]) => Promise<Array<R | Error>>;
  /** Batches in the database at once. */
  maxInFlight: number;
  maxBatch: number;
  /** Under load, how long a batch waits for more items before it starts (0: never waits). */
  gatherMs?: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class BatchQueue<T, R> {
  private readonly waiting: Array<Waiting<T, R>> = [];
  private inFlight = 0;
  private gathering: ReturnType<typeof setTimeout> | null = null;
  private lastEnded = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: BatchQueueOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a batch (for tests and diagnostics). */
  get queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    if (this.gathering) {
      if (this.waiting.length < this.options.maxBatch) return;
      clearTimeout(this.gathering);
      this.gathering = null;
    }
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      if (this.underLoad() && this.waiting.length < this.options.maxBatch) {
        this.gathering = setTimeout(() => {
          this.gathering = null;
          if (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) this.start();
          this.pump();
        }, this.options.gatherMs);
        return;
      }
      this.start();
    }
  }

  /** A batch in flight, or one that ended within the last ten gathering times. */
  private underLoad(): boolean {
    const gatherMs = this.options.gatherMs ?? 0;
    return gatherMs > 0 && (this.inFlight > 0 || performance.now() - this.lastEnded < 10 * gatherMs);
  }

  private start(): void {
    const batch = this.takeBatch();
    this.inFlight++;
    void this.runBatch(batch).finally(() => {
      this.inFlight--;
      this.lastEnded = performance.now();
      this.pump();
    });
  }

  /** The oldest waiting items, at most one per key, up to maxBatch; the rest keep their order. */
  private takeBatch(): Array<Waiting<T, R>> {
    const taken: Array<Waiting<T, R>> = [];
    const keys = new Set<string | number>();
    const left: Array<Waiting<T, R>> = [];
    for (const waiting of this.waiting) {
      const key = this.options.keyOf(waiting.item);
      if (taken.length < this.options.maxBatch && !keys.has(key)) {
        keys.add(key);
        taken.push(waiting);
      } else {
        left.push(waiting);
      }
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return taken;
  }

  private async runBatch(batch: Array<Waiting<T, R>>): Promise<void> {
    let results: Array<R | Error>;
    try {
      results = await this.options.run(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One item's failure must not fail the others: each goes again in a transaction of its own.
      await Promise.all(batch.map((waiting) => this.runBatch([waiting])));
      return;
    }
    batch.forEach((waiting, index) => {
      const result = results[index];
      if (result instanceof Error) waiting.reject(result);
      else waiting.resolve(result as R);
    });
  }
}
