import crypto from 'node:crypto';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { refreshStatistics } from '../../db/maintenance.ts';
import { authorize, can, type Actor } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Locale } from '../messages.ts';
import { importBatches } from '../schema.ts';
import { maskIdNumber, maskPhone } from '../pii.ts';
import type {
  FieldChange,
  ImportColumn,
  ImportDefinition,
  ImportNote,
  ImportRunContext,
  ParsedRow,
  RowAction,
  RowChanges,
  RowError,
} from './definition.ts';
import { buildErrorWorkbook, describeError, parseWorkbook } from './spreadsheet.ts';

const batchRowsAt = (batchId: string) => ({ table: 'import_batches', column: 'rows', rowId: batchId });

export interface ImportSummary {
  total: number;
  valid: number;
  invalid: number;
  create: number;
  update: number;
  unchanged: number;
  notes?: ImportNote[];
  /** The template's columns the file carries: only these can change. */
  columns?: string[];
  /** Headers that name no column: ignored. */
  ignoredHeaders?: string[];
  /** Rows that update a record and list their changed fields (see the batch's changes). */
  changedRows?: number;
}

type SheetValue = ParsedRow['values'][string];
type SheetRecord = Record<string, SheetValue>;

const blank = (value: SheetValue | undefined): SheetValue => (value === undefined || value === '' ? null : value);
const sameValue = (a: SheetValue | undefined, b: SheetValue | undefined) => String(blank(a)) === String(blank(b));

/** The current records of the keys in the file, in the template's shape (personal data in clear, for the comparison). */
async function currentRecords(definition: ImportDefinition, run: ImportRunContext, rows: ParsedRow[]) {
  const current = new Map<string, SheetRecord>();
  if (definition.updates === false) return current;
  const keys = new Set(rows.map((row) => String(row.values[definition.keyColumn])));
  for (const record of await definition.exportRows({ ...run, revealPersonalData: true })) {
    const key = String(record[definition.keyColumn]);
    if (keys.has(key)) current.set(key, record);
  }
  return current;
}

/**
 * Rows that update a record are completed with its current values, so a column the file lacks and a
 * cell left empty change nothing; a new row must bring every required column.
 */
function completeRows(definition: ImportDefinition, rows: ParsedRow[], current: Map<string, SheetRecord>, cellErrors: RowError[]) {
  const errors: RowError[] = [];
  const badCells = new Set(cellErrors.map((error) => `${error.row}:${error.column}`));
  const completed = rows.map((row) => {
    const existing = current.get(String(row.values[definition.keyColumn]));
    if (!existing) {
      if (definition.updates !== false)
        for (const column of definition.columns)
          if (column.required && row.values[column.key] === undefined && !badCells.has(`${row.row}:${column.key}`))
            errors.push({ row: row.row, column: column.key, messageKey: 'import.cell.required_on_create' });
      return row;
    }
    const values: SheetRecord = {};
    for (const column of definition.columns) values[column.key] = blank(existing[column.key]);
    return { ...row, values: { ...values, ...row.values } };
  });
  return { completed, errors };
}

const shown = (column: ImportColumn, value: SheetValue | undefined): SheetValue => {
  const plain = blank(value);
  if (typeof plain !== 'string' || !column.personal) return plain;
  return column.personal === 'id_number' ? maskIdNumber(plain) : maskPhone(plain);
};

/** Field by field, what each updating row changes, as given in the file against the record now. */
function changesOf(
  definition: ImportDefinition,
  given: ParsedRow[],
  current: Map<string, SheetRecord>,
  actions: Map<string, RowAction>,
): RowChanges[] {
  const changes: RowChanges[] = [];
  for (const row of given) {
    const key = String(row.values[definition.keyColumn]);
    const existing = current.get(key);
    if (!existing || actions.get(key) !== 'update') continue;
    const fields: FieldChange[] = [];
    for (const column of definition.columns) {
      const after = row.values[column.key];
      if (column.key === definition.keyColumn || after === undefined || sameValue(existing[column.key], after)) continue;
      fields.push({ column: column.key, before: blank(existing[column.key]), after });
    }
    changes.push({ row: row.row, key, fields });
  }
  return changes;
}

/** A digest per row of what the commit would do to it: the commit refuses when any differs from the preview's. */
function planDigests(definition: ImportDefinition, given: ParsedRow[], actions: Map<string, RowAction>, changes: RowChanges[]) {
  const changesByKey = new Map(changes.map((change) => [change.key, change.fields]));
  const digests: Record<string, string> = {};
  for (const row of given) {
    const key = String(row.values[definition.keyColumn]);
    const action = actions.get(key);
    if (!action) continue;
    digests[key] = crypto
      .createHash('sha256')
      .update(JSON.stringify([action, changesByKey.get(key) ?? []]))
      .digest('base64url')
      .slice(0, 12);
  }
  return digests;
}

function masked(definition: ImportDefinition, changes: RowChanges[]): RowChanges[] {
  const columns = new Map(definition.columns.map((column) => [column.key, column]));
  return changes.map((change) => ({
    ...change,
    fields: change.fields.map((field) => {
      const column = columns.get(field.column)!;
      return { column: field.column, before: shown(column, field.before), after: shown(column, field.after) };
    }),
  }));
}

function summarise(rows: ParsedRow[], errors: RowError[], actions: Map<string, RowAction>, keyColumn: string): ImportSummary {
  const badRows = new Set(errors.map((error) => error.row));
  const summary: ImportSummary = {
    total: rows.length,
    valid: rows.length - badRows.size,
    invalid: badRows.size,
    create: 0,
    update: 0,
    unchanged: 0,
  };
  for (const row of rows) {
    if (badRows.has(row.row)) continue;
    const action = actions.get(String(row.values[keyColumn]));
    if (action) summary[action] += 1;
  }
  return summary;
}

async function analyse(definition: ImportDefinition, run: ImportRunContext, given: ParsedRow[], cellErrors: RowError[]) {
  const current = await currentRecords(definition, run, given);
  const { completed, errors: creationErrors } = completeRows(definition, given, current, cellErrors);
  // Domain checks run on every row (cells that failed their own check are absent), so a bad row
  // lists all its problems at once.
  const domainErrors = await definition.validate(run, completed);
  const errors = [...cellErrors, ...creationErrors, ...domainErrors].sort((a, b) => a.row - b.row);
  const badRows = new Set(errors.map((error) => error.row));
  const validRows = completed.filter((row) => !badRows.has(row.row));
  const actions = await definition.plan(run, validRows);
  const summary = summarise(completed, errors, actions, definition.keyColumn);
  if (definition.notes) summary.notes = await definition.notes(run, validRows, actions);
  const changes = changesOf(
    definition,
    given.filter((row) => !badRows.has(row.row)),
    current,
    actions,
  );
  summary.changedRows = changes.length;
  const digests = planDigests(definition, given, actions, changes);
  return { errors, actions, summary, validRows, changes: masked(definition, changes), digests };
}

function runContext(app: AppContext, request: RequestContext, institutionId: number, batchId: string): ImportRunContext {
  return { db: app.db, institutionId, pii: app.pii, request, batchId };
}

interface SealedBatchRows {
  rows: ParsedRow[];
  columns: string[];
}

function institutionFor(actor: Actor, requested: number | undefined): number {
  const institutionId = requested ?? actor.institutionId;
  if (!institutionId) throw notFound('institution', requested ?? '-');
  return institutionId;
}

export function presentBatch(
  definition: ImportDefinition,
  batch: {
    id: string;
    status: 'previewed' | 'committed';
    fileName: string | null;
    summary: unknown;
    errors: RowError[];
    createdAt: Date;
    committedAt: Date | null;
  },
  locale: Locale,
) {
  return {
    id: batch.id,
    entity: definition.entity,
    status: batch.status,
    fileName: batch.fileName,
    summary: batch.summary as ImportSummary,
    errors: batch.errors.map((error) => describeError(error, definition, locale)),
    createdAt: batch.createdAt,
    committedAt: batch.committedAt,
  };
}

/** Parses and checks an uploaded file; nothing but the preview batch is written. */
export async function previewImport(
  app: AppContext,
  request: RequestContext,
  entity: string,
  file: { name: string; data: Buffer },
  requestedInstitution?: number,
) {
  const definition = app.imports.get(entity);
  const actor = request.actor!;
  const institutionId = institutionFor(actor, requestedInstitution);
  authorize(actor, definition.permission, { type: 'institution', id: institutionId }, await app.scopes.get());
  const parsed = await parseWorkbook(file.data, definition);
  const id = crypto.randomUUID();
  const run = runContext(app, request, institutionId, id);
  const { errors, summary, changes, digests } = await analyse(definition, run, parsed.rows, parsed.errors);
  summary.columns = parsed.columns;
  summary.ignoredHeaders = parsed.ignoredHeaders;
  const batch = await app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(importBatches)
      .values({
        id,
        institutionId,
        entity,
        fileName: file.name.slice(0, 200),
        fileSha256: crypto.createHash('sha256').update(file.data).digest('hex'),
        rowCount: parsed.rows.length,
        // Rows can hold ID numbers and phones: sealed like every other personal datum.
        rows: {
          sealed: app.pii.encrypt(
            JSON.stringify({ rows: parsed.rows, columns: parsed.columns } satisfies SealedBatchRows),
            batchRowsAt(id),
          ),
        },
        errors,
        summary,
        changes,
        planDigests: digests,
        createdBy: actor.userId,
        expiresAt: new Date(Date.now() + app.config.importBatchDays * 86_400_000),
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'import.preview',
      entity: 'import_batch',
      entityId: id,
      institutionId,
      summary: `上传导入文件 ${file.name.slice(0, 200)}（${definition.title['zh-CN']}，${parsed.rows.length} 行，${errors.length} 处错误）`,
      after: { entity, rowCount: parsed.rows.length, errorCount: errors.length },
    });
    return row!;
  });
  return { definition, batch };
}

/** A batch belongs to its uploader (or an admin of its institution) until it expires. */
async function loadBatch(app: AppContext, actor: Actor, batchId: string) {
  const [batch] = await app.db.select().from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch) throw notFound('import', batchId);
  const definition = app.imports.get(batch.entity);
  const institution = { type: 'institution' as const, id: batch.institutionId };
  const tree = await app.scopes.get();
  authorize(actor, definition.permission, institution, tree);
  if (batch.createdBy !== actor.userId && !can(actor, 'import.any_batch', institution, tree))
    throw new AppError(403, 'NOT_YOUR_IMPORT', 'import.not_yours');
  if (batch.expiresAt <= new Date()) throw new AppError(410, 'IMPORT_EXPIRED', 'import.expired');
  const sealed = JSON.parse(app.pii.decrypt((batch.rows as { sealed: string }).sealed, batchRowsAt(batch.id))) as
    SealedBatchRows | ParsedRow[];
  // A preview from before empty cells meant "unchanged" would clear fields: it must be uploaded again.
  if (Array.isArray(sealed)) throw new AppError(410, 'IMPORT_EXPIRED', 'import.expired');
  return {
    batch: { ...batch, errors: batch.errors as RowError[], changes: batch.changes as RowChanges[] },
    definition,
    rows: sealed.rows,
  };
}

export async function getBatch(app: AppContext, request: RequestContext, batchId: string) {
  return loadBatch(app, request.actor!, batchId);
}

/** All rows or none: re-checks everything inside the transaction, then writes and audits. */
export async function commitImport(app: AppContext, request: RequestContext, batchId: string) {
  const { batch, definition, rows } = await loadBatch(app, request.actor!, batchId);
  if (batch.status !== 'previewed') {
    throw new AppError(409, 'IMPORT_NOT_PENDING', 'import.not_pending', { status: batch.status === 'committed' ? '提交' : '作废' });
  }
  if (batch.errors.length > 0) {
    throw new AppError(422, 'IMPORT_HAS_ERRORS', 'import.has_errors', { count: batch.errors.length });
  }
  const summary = await app.db.transaction(async (tx) => {
    // Claim the batch first: a second concurrent commit of the same batch finds it no longer pending.
    const claimed = await tx
      .update(importBatches)
      .set({ status: 'committed', committedAt: sql`now()` })
      .where(and(eq(importBatches.id, batchId), eq(importBatches.status, 'previewed')))
      .returning({ id: importBatches.id });
    if (claimed.length === 0) throw new AppError(409, 'IMPORT_NOT_PENDING', 'import.not_pending', { status: '提交' });
    const run: ImportRunContext = { db: tx, institutionId: batch.institutionId, pii: app.pii, request, batchId };
    await definition.lockRows?.(tx, run, [...new Set(rows.map((row) => String(row.values[definition.keyColumn])))]);
    const { errors, actions, summary, validRows, digests } = await analyse(definition, run, rows, []);
    if (errors.length > 0) throw new AppError(409, 'IMPORT_STALE', 'import.stale', {}, { errors: errors.length });
    // The commit writes exactly what the preview showed, or nothing.
    const previewed = batch.planDigests as Record<string, string>;
    const moved = Object.keys(digests).filter((key) => previewed[key] !== digests[key]).length;
    if (moved > 0 || Object.keys(previewed).length !== Object.keys(digests).length) {
      throw new AppError(409, 'IMPORT_STALE', 'import.changed_since_preview', { count: Math.max(moved, 1) });
    }
    await definition.apply(tx, run, validRows, actions);
    const previewSummary = batch.summary as ImportSummary;
    Object.assign(summary, {
      columns: previewSummary.columns,
      ignoredHeaders: previewSummary.ignoredHeaders,
      changedRows: previewSummary.changedRows,
    });
    await tx.update(importBatches).set({ summary }).where(eq(importBatches.id, batchId));
    await recordAudit(tx, request, {
      action: 'import.commit',
      entity: `import:${definition.entity}`,
      entityId: batchId,
      institutionId: batch.institutionId,
      summary: `导入${definition.title['zh-CN']}：新增 ${summary.create}，更新 ${summary.update}，未变 ${summary.unchanged}`,
      after: summary,
    });
    return summary;
  });
  definition.afterCommit?.();
  if (definition.tableName && summary.create + summary.update >= 500) {
    await refreshStatistics(app.database, [definition.tableName]);
  }
  return { id: batchId, entity: definition.entity, status: 'committed' as const, summary };
}

/** One page of the preview's changes, values in the reader's language (codes stay codes). */
export async function batchChanges(
  app: AppContext,
  request: RequestContext,
  batchId: string,
  page: { offset: number; limit: number },
  locale: Locale,
) {
  const { batch, definition } = await loadBatch(app, request.actor!, batchId);
  const columns = new Map(definition.columns.map((column) => [column.key, column]));
  const label = (column: ImportColumn, value: FieldChange['before']) => {
    if (typeof value === 'boolean') return locale === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否';
    return column.choices?.find((choice) => choice.value === value)?.label[locale] ?? value;
  };
  return {
    total: batch.changes.length,
    items: batch.changes.slice(page.offset, page.offset + page.limit).map((change) => ({
      row: change.row,
      key: change.key,
      fields: change.fields.map((field) => {
        const column = columns.get(field.column)!;
        return {
          column: field.column,
          columnLabel: column.header[locale],
          before: label(column, field.before),
          after: label(column, field.after),
        };
      }),
    })),
  };
}

export async function errorWorkbook(app: AppContext, request: RequestContext, batchId: string, locale: Locale) {
  const { batch, definition, rows } = await loadBatch(app, request.actor!, batchId);
  return { definition, file: await buildErrorWorkbook(definition, rows, batch.errors, locale) };
}

export async function exportRecords(app: AppContext, request: RequestContext, entity: string, requestedInstitution?: number) {
  const definition = app.imports.get(entity);
  const actor = request.actor!;
  const institutionId = institutionFor(actor, requestedInstitution);
  const institution = { type: 'institution' as const, id: institutionId };
  const tree = await app.scopes.get();
  authorize(actor, definition.exportPermission ?? definition.permission, institution, tree);
  const personal = definition.personalDataPermission;
  const revealPersonalData = personal ? can(actor, personal, institution, tree) : false;
  const records = await definition.exportRows({ ...runContext(app, request, institutionId, 'export'), revealPersonalData });
  // Who exported what and how much, and whether personal data left in clear.
  await recordAudit(app.db, request, {
    action: 'export.download',
    entity: `export:${definition.entity}`,
    institutionId,
    summary:
      `导出${definition.title['zh-CN']}：${records.length} 行` +
      (personal ? (revealPersonalData ? '，含身份证号与手机号明文' : '，身份证号与手机号已脱敏') : ''),
    after: { rows: records.length, personalData: personal ? (revealPersonalData ? 'plain' : 'masked') : 'none' },
  });
  return { definition, records };
}

/** Deletes import batches past their expiry, with their sealed rows (run by a platform job). */
export async function purgeExpiredBatches(app: Pick<AppContext, 'db'>): Promise<number> {
  const gone = await app.db
    .delete(importBatches)
    .where(lte(importBatches.expiresAt, sql`now()`))
    .returning({ id: importBatches.id });
  return gone.length;
}
