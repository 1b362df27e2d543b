import { and, asc, gt, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { domainEvents } from './schema.ts';

/**
 * Transactional outbox: a module publishes an event inside the transaction of the write it
 * describes, so the event exists iff the write does. Consumers (e.g. the credit bank) read events
 * after the last id they processed. `dedupeKey` makes a retried write publish nothing twice.
 */
export interface DomainEvent<P = Record<string, unknown>> {
  type: string;
  institutionId: number;
  aggregate: string;
  aggregateId: string | number;
  dedupeKey: string;
  payload: P;
}

export async function publishEvent(tx: Pick<Db, 'insert'>, event: DomainEvent): Promise<void> {
  await tx.insert(domainEvents).values({
    type: event.type,
    institutionId: event.institutionId,
    aggregate: event.aggregate,
    aggregateId: String(event.aggregateId),
    dedupeKey: event.dedupeKey,
    payload: event.payload,
  }).onConflictDoNothing({ target: domainEvents.dedupeKey });
}

export async function readEvents(db: Db, types: string[], afterId = 0, limit = 1000) {
  return db.select().from(domainEvents)
    .where(and(inArray(domainEvents.type, types), gt(domainEvents.id, afterId)))
    .orderBy(asc(domainEvents.id)).limit(limit);
}
