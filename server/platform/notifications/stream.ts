/**
 * Live unread counts over server-sent events: each signed-in page keeps one stream open and gets
 * `event: unread` whenever its count changes. A change made by this process is pushed at once;
 * changes made by another server process are found by a poll of the connected users every few seconds.
 */
import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rowsOf } from '../../db/sql.ts';

export async function unreadCounts(app: Pick<AppContext, 'db'>, userIds: number[]): Promise<Map<number, number>> {
  const counts = new Map(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return counts;
  const rows = rowsOf<{ user_id: number; unread: number }>(
    await app.db.execute(sql`
    SELECT user_id, count(*)::int AS unread FROM notification_inbox
    WHERE read_at IS NULL AND user_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb)::bigint)
    GROUP BY user_id`),
  );
  for (const row of rows) counts.set(Number(row.user_id), row.unread);
  return counts;
}

export class UnreadHub {
  private readonly streams = new Map<number, Set<ServerResponse>>();
  private readonly sent = new WeakMap<ServerResponse, number>();
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(
    private readonly app: AppContext,
    private readonly pollMs = 5000,
  ) {}

  get connected(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  async add(userId: number, stream: ServerResponse): Promise<void> {
    const set = this.streams.get(userId) ?? new Set();
    set.add(stream);
    this.streams.set(userId, set);
    stream.on('close', () => {
      set.delete(stream);
      if (set.size === 0) this.streams.delete(userId);
      if (this.streams.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    });
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.pollMs);
      this.timer.unref();
    }
    await this.push([userId], true);
  }

  /** Counts of these users (all connected ones when undefined) may have changed: push what did. */
  changed(userIds?: number[]): void {
    const connected = (userIds ?? [...this.streams.keys()]).filter((id) => this.streams.has(id));
    if (connected.length > 0) void this.push(connected, false).catch(() => undefined);
  }

  private async poll() {
    this.ticks += 1;
    // A comment line now and then keeps proxies from closing an idle stream.
    if (this.ticks % 5 === 0) for (const set of this.streams.values()) for (const stream of set) stream.write(': keep-alive\n\n');
    await this.push([...this.streams.keys()], false).catch(() => undefined);
  }

  private async push(userIds: number[], always: boolean) {
    if (userIds.length === 0) return;
    const counts = await unreadCounts(this.app, userIds);
    for (const [userId, unread] of counts) {
      for (const stream of this.streams.get(userId) ?? []) {
        if (!always && this.sent.get(stream) === unread) continue;
        this.sent.set(stream, unread);
        stream.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`);
      }
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const set of this.streams.values()) for (const stream of set) stream.end();
    this.streams.clear();
  }
}
