import type { Db } from '../../db/connection.ts';
import type { Action } from '../access.ts';
import type { RequestContext } from '../audit.ts';
import type { MessageKey, MessageParams } from '../messages.ts';
import type { PiiCipher } from '../pii.ts';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export interface ImportColumn {
  key: string;
  header: Bilingual;
  required: boolean;
  kind: 'text' | 'integer' | 'choice' | 'boolean';
  example: string;
  /** For kind 'choice': the label shown in the sheet (zh-CN or en) → stored value. */
  choices?: Array<{ value: string; label: Bilingual }>;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Long digit strings (ID numbers, phones) must be typed as text: Excel rounds numbers past 15 digits. */
  digitsAsText?: boolean;
  width?: number;
  /** Personal data: shown masked in the preview's list of changes. */
  personal?: 'id_number' | 'phone';
  /**
   * Whether the cell value {@link clearCellValue} empties the field (default: optional columns may be
   * cleared; columns whose field always has a value, such as a status, may not).
   */
  clearable?: boolean;
}

/**
 * The value a cell holds to empty an optional field. An empty cell, like an absent column, leaves the
 * field as it is: a sheet that omits something never erases it.
 */
export const clearCellValue = '-';

/**
 * One data row of the sheet after cell-level checks: values by column key, row = sheet row number.
 * A key absent from `values` was not given (absent column or empty cell): the field stays as it is;
 * `null` means the cell asked to clear it. Before `validate`, rows that update an existing record
 * are completed with its current values, so definitions see whole rows.
 */
export interface ParsedRow {
  row: number;
  values: Record<string, string | number | boolean | null>;
  /** The cells as the user typed them, for the bad-rows download. */
  raw: Record<string, string>;
}

export interface RowError {
  row: number;
  column: string | null;
  messageKey: MessageKey;
  params?: MessageParams;
}

export type RowAction = 'create' | 'update' | 'unchanged';

/** One field a row would change, in the sheet's terms (codes and choice values; personal data masked). */
export interface FieldChange {
  column: string;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

/** The changes the preview shows for one row that updates a record. */
export interface RowChanges {
  row: number;
  key: string;
  fields: FieldChange[];
}

export interface ImportRunContext {
  db: Db;
  institutionId: number;
  pii: PiiCipher;
  request: RequestContext;
  /** The import batch being previewed or committed (outcomes imported from it carry its id). */
  batchId: string;
  /** Exports: whether ID numbers and phones are written in clear (else masked, as on screen). */
  revealPersonalData?: boolean;
}

/** A count a definition adds to the preview and the commit summary (e.g. "rows that go to the review queue"). */
export interface ImportNote {
  key: string;
  label: Bilingual;
  count: number;
}

export interface ImportDefinition {
  entity: string;
  title: Bilingual;
  /** Rows are matched on this column's code, never on names. */
  keyColumn: string;
  columns: ImportColumn[];
  permission: Action;
  /** Who may export (default: who may import); an export is a read. */
  exportPermission?: Action;
  /** For definitions whose export holds ID numbers or phones: who sees them in clear; others get them masked. */
  personalDataPermission?: Action;
  maxRows: number;
  /**
   * false for registers that only ever add rows (certificate results): every row is a new record, so
   * every required column is required in every row. Otherwise rows whose key exists update that record,
   * and required columns are required only for new rows.
   */
  updates?: false;
  /**
   * Locks the existing records of these keys for the commit's transaction, so nothing changes them
   * between the check that the preview still holds and the write.
   */
  lockRows?(tx: Db, run: ImportRunContext, keys: string[]): Promise<void>;
  /** Domain checks that need the database (references, check digits): errors for bad rows. */
  validate(run: ImportRunContext, rows: ParsedRow[]): Promise<RowError[]>;
  /** What committing each valid row would do, by key. */
  plan(run: ImportRunContext, rows: ParsedRow[]): Promise<Map<string, RowAction>>;
  /** Writes the rows that create or update, inside the caller's transaction; audits each change. */
  apply(tx: Db, run: ImportRunContext, rows: ParsedRow[], actions: Map<string, RowAction>): Promise<void>;
  /** Extra counts for the summary, computed from the planned rows. */
  notes?(run: ImportRunContext, rows: ParsedRow[], actions: Map<string, RowAction>): Promise<ImportNote[]>;
  /** Current data in the template's shape, so an export re-imports as "unchanged". */
  exportRows(run: ImportRunContext): Promise<Array<Record<string, string | number | boolean | null>>>;
  /** The table a commit writes, refreshed (VACUUM ANALYZE) after large commits so plans stay index-only. */
  tableName?: string;
  /** Called after a commit (e.g. to refresh cached scope trees). */
  afterCommit?(): void;
}
