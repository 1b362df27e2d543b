/**
 * Domain events as contracts. A module publishes an event inside the transaction of the write it
 * describes (a transactional outbox: the event exists iff the write does; `dedupeKey` makes a retried
 * write publish nothing twice). The producing module exports each event's contract (type + zod schema
 * of the payload); a consumer, declared in its module's manifest and run by the scheduler, receives the
 * events it has not taken yet with their payloads parsed by the contract. What a consumer took is
 * recorded in the same transaction as its effect, so an event is taken once, and one that commits late
 * (after one with a higher id was read) is still taken.
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connection.ts';
import { rowsOf } from '../db/sql.ts';
import { domainEvents } from './schema.ts';

export interface EventContract<P = unknown> {
  type: string;
  payload: z.ZodType<P>;
}

export function defineEvent<S extends z.ZodType>(type: string, payload: S): EventContract<z.output<S>> {
  return { type, payload: payload as unknown as z.ZodType<z.output<S>> };
}

export interface NewEvent<P> {
  institutionId: number;
  aggregate: string;
  aggregateId: string | number;
  dedupeKey: string;
  payload: P;
}

/** Publishes one event in the caller's transaction; the payload is checked against the contract. */
export async function publishEvent<P>(tx: Pick<Db, 'insert'>, contract: EventContract<P>, event: NewEvent<P>): Promise<void> {
  const payload = contract.payload.parse(event.payload);
  await tx
    .insert(domainEvents)
    .values({
      type: contract.type,
      institutionId: event.institutionId,
      aggregate: event.aggregate,
      aggregateId: String(event.aggregateId),
      dedupeKey: event.dedupeKey,
      payload: payload as Record<string, unknown>,
    })
    .onConflictDoNothing({ target: domainEvents.dedupeKey });
}

export interface ReceivedEvent<P> {
  id: number;
  type: string;
  institutionId: number;
  aggregate: string;
  aggregateId: string;
  occurredAt: Date;
  payload: P;
}

/** The payload type of a union of contracts, tagged by event type. */
export type PayloadOf<C> = C extends EventContract<infer P> ? P : never;

export interface EventConsumer<C extends EventContract<unknown> = EventContract<unknown>> {
  /** `<module>.<name>`: also the name of the job that runs it. */
  name: string;
  title: { 'zh-CN': string; en: string };
  events: readonly C[];
  /** Seconds between runs (the consumer also runs once at start). */
  every: number;
  batchSize?: number;
  /** Handles one batch inside the transaction that records it as taken. Returns counts for the run history. */
  handle(tx: Db, events: Array<ReceivedEvent<PayloadOf<C>>>, app: AppContext): Promise<Record<string, number>>;
}

/**
 * Takes every event the consumer has not taken yet, batch by batch, each batch in one transaction with
 * its effect. An event whose payload does not match its contract is a producer's bug: it stops the run
 * (so the job's history shows it) without taking anything of that batch.
 */
export async function consumeEvents(app: AppContext, consumer: EventConsumer): Promise<Record<string, number>> {
  const totals: Record<string, number> = { events: 0 };
  const byType = new Map(consumer.events.map((contract) => [contract.type, contract]));
  const limit = consumer.batchSize ?? 2000;
  for (;;) {
    const taken = await app.db.transaction(async (tx) => {
      const rows = rowsOf<{
        id: number;
        type: string;
        institution_id: number;
        aggregate: string;
        aggregate_id: string;
        occurred_at: Date | string;
        payload: unknown;
      }>(await tx.execute(sqlUnconsumed(consumer.name, [...byType.keys()], limit)));
      if (rows.length === 0) return 0;
      const events = rows.map((row) => {
        const parsed = byType.get(row.type)!.payload.safeParse(row.payload);
        if (!parsed.success) throw new Error(`Event ${row.id} (${row.type}) does not match its contract: ${parsed.error.message}`);
        return {
          id: Number(row.id),
          type: row.type,
          institutionId: Number(row.institution_id),
          aggregate: row.aggregate,
          aggregateId: row.aggregate_id,
          occurredAt: new Date(row.occurred_at),
          payload: parsed.data,
        };
      });
      const counts = await consumer.handle(tx, events as never, app);
      for (const [key, value] of Object.entries(counts)) totals[key] = (totals[key] ?? 0) + value;
      await tx.execute(
        sqlRecordConsumed(
          consumer.name,
          events.map((event) => event.id),
        ),
      );
      return rows.length;
    });
    totals.events! += taken;
    if (taken < limit) return totals;
  }
}

function sqlUnconsumed(consumer: string, types: string[], limit: number) {
  return sql`
    SELECT e.id, e.type, e.institution_id, e.aggregate, e.aggregate_id, e.occurred_at, e.payload FROM ${domainEvents} e
    WHERE e.type IN (SELECT jsonb_array_elements_text(${JSON.stringify(types)}::jsonb))
      AND NOT EXISTS (SELECT 1 FROM event_consumptions c WHERE c.consumer = ${consumer} AND c.event_id = e.id)
    ORDER BY e.id LIMIT ${limit}`;
}

function sqlRecordConsumed(consumer: string, ids: number[]) {
  return sql`
    INSERT INTO event_consumptions (consumer, event_id)
    SELECT ${consumer}, id FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) AS t(id_text), LATERAL (SELECT id_text::bigint AS id) i
    ON CONFLICT DO NOTHING`;
}
