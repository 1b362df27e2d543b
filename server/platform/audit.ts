import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import type { Actor } from './access.ts';
import { auditLog } from './schema.ts';
import { countAll } from '../db/sql.ts';

/** Who is acting and from where; passed first to every use-case. */
export interface RequestContext {
  actor: Actor | null;
  ip?: string;
  requestId?: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  institutionId?: number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

type Executor = Pick<Db, 'insert'>;

function toRow(ctx: RequestContext, entry: AuditEntry) {
  return {
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    institutionId: entry.institutionId ?? null,
    summary: entry.summary ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId ?? null,
  };
}

/** Appends to the audit log inside the caller's transaction, so the entry exists iff the write does. */
export async function recordAudit(tx: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(toRow(ctx, entry));
}

export async function recordAuditMany(tx: Pick<Db, 'execute'>, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  // The entries go as one JSON parameter per 5,000: a multi-row INSERT with a parameter per value
  // spent most of a 10,000-row import's audit time building and binding parameters.
  const chunk = 5000;
  for (let start = 0; start < entries.length; start += chunk) {
    const rows = entries.slice(start, start + chunk).map((entry) => {
      const row = toRow(ctx, entry);
      return {
        action: row.action,
        entity: row.entity,
        entity_id: row.entityId,
        institution_id: row.institutionId,
        summary: row.summary,
        before: row.before,
        after: row.after,
      };
    });
    await tx.execute(sql`
      INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, before, after, ip, request_id)
      SELECT ${ctx.actor?.userId ?? null}, ${ctx.actor?.displayName ?? null}, r.action, r.entity, r.entity_id, r.institution_id, r.summary, r.before, r.after, ${ctx.ip ?? null}, ${ctx.requestId ?? null}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(action text, entity text, entity_id text, institution_id bigint, summary text, before jsonb, after jsonb)`);
  }
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actorUserId?: number;
  institutionId?: number;
  /** The institutions the reader may see, and whether entries of no institution too. */
  reach: { institutionIds: number[]; unattached: boolean };
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

export async function listAudit(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.institutionId) conditions.push(eq(auditLog.institutionId, filter.institutionId));
  const reached = filter.reach.institutionIds.length > 0 ? inArray(auditLog.institutionId, filter.reach.institutionIds) : sql`false`;
  conditions.push(filter.reach.unattached ? or(reached, isNull(auditLog.institutionId))! : reached);
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(filter.limit);
  const [{ total }] = await db.select({ total: countAll() }).from(auditLog).where(where);
  return { items, total, nextBeforeId: items.length === filter.limit ? items[items.length - 1]!.id : null };
}
