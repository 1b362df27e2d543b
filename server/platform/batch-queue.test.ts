import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue } from './batch-queue.ts';

interface Item {
  key: string;
  value: number;
}

/** A queue whose batches wait until the test releases them, recording what each batch held. */
function recordingQueue(options: { maxInFlight: number; maxBatch: number; gatherMs?: number; failWhole?: (items: Item[]) => boolean }) {
  const batches: Item[][] = [];
  const releases: Array<() => void> = [];
  const queue = new BatchQueue<Item, number>({
    keyOf: (item) => item.key,
    maxInFlight: options.maxInFlight,
    maxBatch: options.maxBatch,
    gatherMs: options.gatherMs,
    run: async (items) => {
      batches.push(items);
      await new Promise<void>((resolve) => releases.push(resolve));
      if (options.failWhole?.(items)) throw new Error('batch failed');
      return items.map((item) => (item.value < 0 ? new Error(`bad ${item.value}`) : item.value * 10));
    },
  });
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { queue, batches, releaseAll };
}

describe('BatchQueue (group commit for the selection hot path)', () => {
  it('sends a request at once and alone when nothing is in flight', async () => {
    const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 2, maxBatch: 10 });
    const answer = queue.submit({ key: 'a', value: 1 });
    expect(batches).toEqual([[{ key: 'a', value: 1 }]]);
    await releaseAll();
    expect(await answer).toBe(10);
  });

  it('gathers requests that arrive while batches are in flight into one batch, in arrival order', async () => {
    const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10 });
    const answers = [1, 2, 3, 4].map((value) => queue.submit({ key: `s${value}`, value }));
    expect(batches.map((batch) => batch.map((item) => item.value))).toEqual([[1]]);
    expect(queue.queued).toBe(3);
    await releaseAll();
    expect(batches.map((batch) => batch.map((item) => item.value))).toEqual([[1], [2, 3, 4]]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
  });

  it('never puts two requests with one key into a batch: the later one waits for the next batch', async () => {
    const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10 });
    const answers = [
      queue.submit({ key: 'busy', value: 9 }),
      queue.submit({ key: 'x', value: 1 }),
      queue.submit({ key: 'x', value: 2 }),
      queue.submit({ key: 'y', value: 3 }),
    ];
    await releaseAll();
    expect(batches.map((batch) => batch.map((item) => `${item.key}${item.value}`))).toEqual([['busy9'], ['x1', 'y3'], ['x2']]);
    expect(await Promise.all(answers)).toEqual([90, 10, 20, 30]);
  });

  it('caps a batch at maxBatch and keeps at most maxInFlight batches running', async () => {
    const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 2, maxBatch: 3 });
    const answers = Array.from({ length: 9 }, (_, index) => queue.submit({ key: `s${index}`, value: index }));
    expect(batches.map((batch) => batch.length)).toEqual([1, 1]);
    await releaseAll();
    expect(batches.map((batch) => batch.length)).toEqual([1, 1, 3, 3, 1]);
    expect(await Promise.all(answers)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  });

  it('rejects only the item whose result is an error; the others get their answers', async () => {
    const { queue, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10 });
    const first = queue.submit({ key: 'busy', value: 1 });
    const good = queue.submit({ key: 'g', value: 2 });
    const bad = queue.submit({ key: 'b', value: -1 });
    const settled = Promise.allSettled([first, good, bad]);
    await releaseAll();
    const [a, b, c] = await settled;
    expect(a).toEqual({ status: 'fulfilled', value: 10 });
    expect(b).toEqual({ status: 'fulfilled', value: 20 });
    expect(c.status).toBe('rejected');
    expect((c as PromiseRejectedResult).reason.message).toBe('bad -1');
  });

  it('runs each item of a failed batch again on its own, so one poisoned item fails alone', async () => {
    const poisoned = (items: Item[]) => items.some((item) => item.key === 'poison');
    const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10, failWhole: poisoned });
    const busy = queue.submit({ key: 'busy', value: 1 });
    const results = Promise.allSettled([
      queue.submit({ key: 'a', value: 2 }),
      queue.submit({ key: 'poison', value: 3 }),
      queue.submit({ key: 'b', value: 4 }),
    ]);
    await releaseAll();
    await releaseAll();
    const [a, poison, b] = await results;
    expect(await busy).toBe(10);
    expect(a).toEqual({ status: 'fulfilled', value: 20 });
    expect(b).toEqual({ status: 'fulfilled', value: 40 });
    expect(poison.status).toBe('rejected');
    expect(batches.map((batch) => batch.map((item) => item.key))).toEqual([['busy'], ['a', 'poison', 'b'], ['a'], ['poison'], ['b']]);
  });

  describe('gathering (one connection in this process: PGlite)', () => {
    // The clock is the test's: setTimeout and performance.now move only when it says so.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    const pause = (ms: number) => vi.advanceTimersByTimeAsync(ms);

    it('sends a request after a quiet spell at once, without waiting to gather', async () => {
      const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10, gatherMs: 50 });
      const answer = queue.submit({ key: 'a', value: 1 });
      expect(batches).toEqual([[{ key: 'a', value: 1 }]]);
      await releaseAll();
      expect(await answer).toBe(10);
    });

    it('under load, holds the next batch for gatherMs so that requests arriving meanwhile go with it', async () => {
      const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10, gatherMs: 40 });
      const answers = [queue.submit({ key: 'busy', value: 1 }), queue.submit({ key: 'a', value: 2 })];
      await releaseAll();
      // The first batch is over; the second would hold 'a' alone: it waits instead.
      expect(batches.map((batch) => batch.map((item) => item.key))).toEqual([['busy']]);
      answers.push(queue.submit({ key: 'b', value: 3 }));
      await pause(10);
      answers.push(queue.submit({ key: 'c', value: 4 }));
      await pause(60);
      expect(batches.map((batch) => batch.map((item) => item.key))).toEqual([['busy'], ['a', 'b', 'c']]);
      await releaseAll();
      expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
    });

    it('stops gathering as soon as a full batch is waiting', async () => {
      const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 3, gatherMs: 10_000 });
      const answers = [queue.submit({ key: 'busy', value: 1 }), queue.submit({ key: 'a', value: 2 })];
      await releaseAll();
      expect(batches).toHaveLength(1);
      answers.push(queue.submit({ key: 'b', value: 3 }), queue.submit({ key: 'c', value: 4 }));
      expect(batches.map((batch) => batch.map((item) => item.key))).toEqual([['busy'], ['a', 'b', 'c']]);
      await releaseAll();
      expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
    });

    it('goes at once again once the load has passed', async () => {
      const { queue, batches, releaseAll } = recordingQueue({ maxInFlight: 1, maxBatch: 10, gatherMs: 5 });
      const first = queue.submit({ key: 'a', value: 1 });
      await releaseAll();
      await first;
      await pause(80);
      const second = queue.submit({ key: 'b', value: 2 });
      expect(batches.map((batch) => batch.map((item) => item.key))).toEqual([['a'], ['b']]);
      await releaseAll();
      expect(await second).toBe(20);
    });
  });
});
