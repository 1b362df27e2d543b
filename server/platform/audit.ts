import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import type { Actor } from './access.ts';
import { auditLog } from './schema.ts';
import { countAll } from '../db/sql.ts';
import { entityName, hasMessage, messageCatalog, translateBoth, type LocalizedText } from './messages.ts';

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

/** The audit_log column values of an entry (for a statement written by hand on a hot path). */
export function auditValues(ctx: RequestContext, entry: AuditEntry) {
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
  await tx.insert(auditLog).values(auditValues(ctx, entry));
}

/**
 * The audit entry as one INSERT statement, for a caller that writes it together with its change in a
 * single statement (data-modifying WITH clauses before it): one round trip where a hot path needs it.
 */
export function auditInsertSql(ctx: RequestContext, entry: AuditEntry): SQL {
  const row = auditValues(ctx, entry);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return sql`INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, before, after, ip, request_id)
    VALUES (${row.actorUserId}, ${row.actorName}, ${row.action}, ${row.entity}, ${row.entityId}, ${row.institutionId}, ${row.summary},
            ${json(row.before)}::jsonb, ${json(row.after)}::jsonb, ${row.ip}, ${row.requestId})`;
}

export async function recordAuditMany(tx: Pick<Db, 'execute'>, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  // The entries go as one JSON parameter per 5,000: a multi-row INSERT with a parameter per value
  // spent most of a 10,000-row import's audit time building and binding parameters.
  const chunk = 5000;
  for (let start = 0; start < entries.length; start += chunk) {
    const rows = entries.slice(start, start + chunk).map((entry) => {
      const row = auditValues(ctx, entry);
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

/** An audit action in words ("认定学分" / "Grant credits"), from the `audit.<action>` messages its module defines. */
export function auditActionLabel(action: string): LocalizedText | null {
  const key = `audit.${action}`;
  return hasMessage(key) ? translateBoth(key) : null;
}

/** The kind of object an entry is about, in words: `entity.<name>` messages; imports and exports name their table. */
export function auditEntityLabel(entity: string, importTitle: (entity: string) => LocalizedText | null): LocalizedText {
  const [kind, table] = entity.split(':');
  if ((kind === 'import' || kind === 'export') && table) {
    const title = importTitle(table) ?? { 'zh-CN': table, en: table };
    return kind === 'import'
      ? { 'zh-CN': `导入：${title['zh-CN']}`, en: `Import: ${title.en}` }
      : { 'zh-CN': `导出：${title['zh-CN']}`, en: `Export: ${title.en}` };
  }
  return { 'zh-CN': entityName(entity, 'zh-CN'), en: entityName(entity, 'en') };
}

/** Every action that has a name, for the audit log's filter. */
export function auditActionList(): Array<{ action: string; label: LocalizedText }> {
  return messageCatalog()
    .filter(([key]) => key.startsWith('audit.'))
    .map(([key, text]) => ({ action: key.slice('audit.'.length), label: { 'zh-CN': text['zh-CN'], en: text.en } }));
}
