import { describe, expect, it } from 'vitest';
import { BatchQueue } from './batch-queue.ts';

interface Item {
  key: string;
  value: number;
}

/** A queue whose batches wait until the test releases them, recording what each batch held. */
function recordingQueue(options: { maxInFlight: number; maxBatch: number; failWhole?: (items: Item[]) => boolean }) {
  const batches: Item[][] = [];
  const releases: Array<() => void> = [];
  const queue = new BatchQueue<Item, number>({
    keyOf: (item) => item.key,
    maxInFlight: options.maxInFlight,
    maxBatch: options.maxBatch,
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
});
