import type ExcelJS from 'exceljs';

// exceljs is large; loading it on first use keeps it off the server's start-up path.
const loadExcel = async () => (await import('exceljs')).default;
import { AppError } from '../errors.ts';
import { translate, type Locale } from '../messages.ts';
import { clearCellValue, type ImportColumn, type ImportDefinition, type ParsedRow, type RowError } from './definition.ts';
import { checkXlsxBounds, defaultXlsxLimits } from './zip-guard.ts';

/** What the sheet functions need of an import: modules also use them for their own sheets (e.g. grade sheets). */
export type SheetShape = Pick<ImportDefinition, 'title' | 'columns' | 'keyColumn' | 'maxRows' | 'updates'>;

/** Whether a column's field may be emptied with {@link clearCellValue}. */
export const isClearable = (column: ImportColumn) => !column.required && column.clearable !== false;

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A spreadsheet runs text starting with these as a formula; prefixing a quote keeps it text. */
export function escapeFormula(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

function columnLabel(column: ImportColumn, locale: Locale): string {
  return column.header[locale] + (column.required ? ' *' : '');
}

function choiceLabel(column: ImportColumn, value: unknown, locale: Locale): unknown {
  if (column.kind === 'boolean' && typeof value === 'boolean')
    return value ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
  if (column.kind !== 'choice' || !column.choices) return value;
  return column.choices.find((choice) => choice.value === value)?.label[locale] ?? value;
}

function addSheet(workbook: ExcelJS.Workbook, definition: SheetShape, locale: Locale, extraHeader?: string) {
  const sheet = workbook.addWorksheet(definition.title[locale]);
  const columns: Partial<ExcelJS.Column>[] = definition.columns.map((column) => ({
    header: columnLabel(column, locale),
    key: column.key,
    width: column.width ?? Math.max(12, column.header[locale].length * 2 + 4),
    style: column.digitsAsText || column.kind === 'text' ? { numFmt: '@' } : {},
  }));
  if (extraHeader) columns.push({ header: extraHeader, key: '__reason', width: 60 });
  sheet.columns = columns;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = headerFill;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

export async function buildTemplate(definition: ImportDefinition, locale: Locale): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Sitong 四通';
  const sheet = addSheet(workbook, definition, locale);
  const example: Record<string, unknown> = {};
  for (const column of definition.columns) example[column.key] = column.example;
  sheet.addRow(example);
  definition.columns.forEach((column, index) => {
    if (column.kind === 'choice' || column.kind === 'boolean') {
      const labels =
        column.kind === 'boolean'
          ? locale === 'en'
            ? ['Yes', 'No']
            : ['是', '否']
          : column.choices!.map((choice) => choice.label[locale]);
      for (let row = 2; row <= 2000; row++) {
        sheet.getCell(row, index + 1).dataValidation = { type: 'list', allowBlank: !column.required, formulae: [`"${labels.join(',')}"`] };
      }
    }
  });
  const notes = workbook.addWorksheet(locale === 'en' ? 'Instructions' : '填写说明');
  notes.columns = [
    { header: locale === 'en' ? 'Column' : '列', width: 20 },
    { header: locale === 'en' ? 'Rule' : '填写要求', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const column of definition.columns) {
    const updating = definition.updates !== false && column.key !== definition.keyColumn;
    const rules: string[] = [
      column.required
        ? updating
          ? locale === 'en'
            ? 'required for a new record; empty keeps the current value'
            : '新增时必填；更新时留空则保持原值'
          : locale === 'en'
            ? 'required'
            : '必填'
        : updating
          ? locale === 'en'
            ? 'optional; empty keeps the current value'
            : '选填；留空则保持原值'
          : locale === 'en'
            ? 'optional'
            : '选填',
    ];
    if (updating && isClearable(column)) rules.push(locale === 'en' ? `"${clearCellValue}" clears it` : `填“${clearCellValue}”表示清空`);
    if (column.kind === 'integer')
      rules.push(
        locale === 'en'
          ? `whole number${column.min !== undefined ? ` ${column.min}–${column.max}` : ''}`
          : `整数${column.min !== undefined ? ` ${column.min}–${column.max}` : ''}`,
      );
    if (column.choices)
      rules.push(
        (locale === 'en' ? 'one of: ' : '可选值：') + column.choices.map((c) => c.label[locale]).join(locale === 'en' ? ', ' : '、'),
      );
    if (column.kind === 'boolean') rules.push(locale === 'en' ? 'Yes / No' : '是 / 否');
    if (column.key === definition.keyColumn)
      rules.push(
        locale === 'en'
          ? 'rows are matched on this code; re-importing updates the row'
          : '按此代码匹配已有数据；重复导入会更新而不会重复创建',
      );
    if (column.digitsAsText) rules.push(locale === 'en' ? 'type as text, not as a number' : '请以文本格式填写，勿填为数值');
    notes.addRow([column.header[locale], rules.join(locale === 'en' ? '; ' : '；')]);
  }
  notes.addRow([]);
  notes.addRow([
    locale === 'en' ? 'Note' : '说明',
    locale === 'en'
      ? 'Do not use formulas; the first sheet is read; row 2 is an example you may overwrite.'
      : '请勿使用公式；系统读取第一个工作表；第 2 行为示例，可直接覆盖。',
  ]);
  if (definition.updates !== false)
    notes.addRow([
      '',
      locale === 'en'
        ? 'Only the columns in the file change: leave out or empty what you do not want to change. The preview lists every change (old → new) before anything is saved.'
        : '只修改文件中有的列：不想修改的列可删去或留空。保存前，预览会逐项列出每处修改（原值 → 新值）。',
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Converts what exceljs read from a cell into text, reporting formulas. */
function cellText(cell: ExcelJS.Cell): { text: string; formula: boolean; numeric: boolean } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: '', formula: false, numeric: false };
  // A leading quote is how our exports keep formula-like text inert; reading it back drops it.
  if (typeof value === 'string') return { text: value.trim().replace(/^'(?=[=+\-@])/, ''), formula: false, numeric: false };
  if (typeof value === 'number') return { text: String(value), formula: false, numeric: true };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', formula: false, numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false, numeric: false };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value)
      return { text: String((value as { result?: unknown }).result ?? ''), formula: true, numeric: false };
    if ('richText' in value)
      return {
        text: value.richText
          .map((part) => part.text)
          .join('')
          .trim(),
        formula: false,
        numeric: false,
      };
    if ('text' in value) return { text: String(value.text).trim(), formula: false, numeric: false };
    if ('error' in value) return { text: String(value.error), formula: true, numeric: false };
  }
  return { text: String(value), formula: false, numeric: false };
}

const yesWords = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const noWords = new Set(['否', 'n', 'no', 'false', '0', '×']);

export interface ParsedSheet {
  rows: ParsedRow[];
  errors: RowError[];
  /** The template's columns the file has (others are left as they are). */
  columns: string[];
  /** Header cells that name no column of the template: ignored, and said so in the preview. */
  ignoredHeaders: string[];
}

export function isXlsx(buffer: Buffer): boolean {
  return buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

export async function parseWorkbook(buffer: Buffer, definition: SheetShape): Promise<ParsedSheet> {
  if (!isXlsx(buffer)) throw new AppError(415, 'NOT_XLSX', 'import.not_xlsx');
  await checkXlsxBounds(buffer, { ...defaultXlsxLimits, maxRows: definition.maxRows + 1 });
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(415, 'NOT_XLSX', 'import.not_xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(422, 'NO_SHEET', 'import.no_sheet');

  // Headers may be in Chinese or English, with or without the required-marker.
  const headerRow = sheet.getRow(1);
  const columnIndex = new Map<string, number>();
  const ignoredHeaders: string[] = [];
  headerRow.eachCell((cell, index) => {
    const label = cellText(cell)
      .text.replace(/\s*\*$/, '')
      .trim();
    const column = definition.columns.find((c) => c.header['zh-CN'] === label || c.header.en.toLowerCase() === label.toLowerCase());
    if (column && !columnIndex.has(column.key)) columnIndex.set(column.key, index);
    else if (label) ignoredHeaders.push(label.slice(0, 60));
  });
  // The key column is always needed; a register that only adds rows needs every required column.
  // Otherwise a file may carry only the columns it changes.
  const missing = definition.columns.filter(
    (column) => (column.key === definition.keyColumn || (definition.updates === false && column.required)) && !columnIndex.has(column.key),
  );
  if (missing.length > 0) {
    throw new AppError(
      422,
      'MISSING_COLUMNS',
      'import.missing_columns',
      {
        columns: missing.map((column) => column.header['zh-CN']).join('、'),
      },
      { columns: missing.map((column) => column.key) },
    );
  }

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfKey = new Map<string, number>();
  const lastRow = sheet.actualRowCount === 0 ? 0 : sheet.rowCount;
  for (let rowNumber = 2; rowNumber <= lastRow; rowNumber++) {
    const sheetRow = sheet.getRow(rowNumber);
    const raw: Record<string, string> = {};
    const values: ParsedRow['values'] = {};
    const rowErrors: RowError[] = [];
    let empty = true;
    for (const column of definition.columns) {
      const index = columnIndex.get(column.key);
      const cell = index ? cellText(sheetRow.getCell(index)) : { text: '', formula: false, numeric: false };
      raw[column.key] = cell.text;
      if (cell.text !== '') empty = false;
      const error = (messageKey: RowError['messageKey'], params?: RowError['params']) =>
        rowErrors.push({ row: rowNumber, column: column.key, messageKey, params });
      if (cell.formula) {
        error('import.cell.formula');
        continue;
      }
      if (cell.text === '') {
        // Left as it is; a register that only adds rows needs it now, others when the row is new.
        if (column.required && (definition.updates === false || column.key === definition.keyColumn)) error('import.cell.required');
        continue;
      }
      if (cell.text === clearCellValue) {
        if (isClearable(column)) values[column.key] = null;
        else error('import.cell.not_clearable');
        continue;
      }
      if (column.digitsAsText && cell.numeric && cell.text.replace(/\D/g, '').length > 15) {
        error('import.cell.bad_id_number');
        continue;
      }
      if (column.maxLength && cell.text.length > column.maxLength) {
        error('import.cell.too_long', { max: column.maxLength });
        continue;
      }
      switch (column.kind) {
        case 'integer': {
          const number = Number(cell.text);
          if (!Number.isInteger(number)) error('import.cell.not_integer');
          else if ((column.min !== undefined && number < column.min) || (column.max !== undefined && number > column.max)) {
            error('import.cell.out_of_range', { min: column.min ?? '', max: column.max ?? '' });
          } else values[column.key] = number;
          break;
        }
        case 'boolean': {
          const word = cell.text.toLowerCase();
          if (yesWords.has(word)) values[column.key] = true;
          else if (noWords.has(word)) values[column.key] = false;
          else error('import.cell.bad_choice', { choices: '是、否' });
          break;
        }
        case 'choice': {
          const choice = column.choices!.find(
            (c) => c.label['zh-CN'] === cell.text || c.label.en.toLowerCase() === cell.text.toLowerCase() || c.value === cell.text,
          );
          if (choice) values[column.key] = choice.value;
          else error('import.cell.bad_choice', { choices: column.choices!.map((c) => c.label['zh-CN']).join('、') });
          break;
        }
        default:
          values[column.key] = cell.text;
      }
    }
    if (empty) continue; // blank lines between data are ignored
    const key = values[definition.keyColumn];
    if (typeof key === 'string' || typeof key === 'number') {
      const firstRow = firstRowOfKey.get(String(key));
      if (firstRow !== undefined)
        rowErrors.push({
          row: rowNumber,
          column: definition.keyColumn,
          messageKey: 'import.cell.duplicate_in_file',
          params: { row: firstRow },
        });
      else firstRowOfKey.set(String(key), rowNumber);
    }
    rows.push({ row: rowNumber, values, raw });
    errors.push(...rowErrors);
    if (rows.length > definition.maxRows) {
      throw new AppError(422, 'TOO_MANY_ROWS', 'import.too_many_rows', { limit: definition.maxRows });
    }
  }
  if (rows.length === 0) throw new AppError(422, 'EMPTY_FILE', 'import.empty');
  return { rows, errors, columns: [...columnIndex.keys()], ignoredHeaders };
}

export function describeError(error: RowError, definition: SheetShape, locale: Locale) {
  const column = definition.columns.find((c) => c.key === error.column);
  return {
    row: error.row,
    column: error.column,
    columnLabel: column ? column.header[locale] : null,
    reason: translate(error.messageKey, locale, error.params ?? {}),
  };
}

export async function buildErrorWorkbook(
  definition: ImportDefinition,
  rows: ParsedRow[],
  errors: RowError[],
  locale: Locale,
): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = addSheet(workbook, definition, locale, locale === 'en' ? 'Error (original row)' : '错误原因（原行号）');
  const byRow = new Map<number, string[]>();
  for (const error of errors) {
    const described = describeError(error, definition, locale);
    const text = `${described.columnLabel ? `${described.columnLabel}：` : ''}${described.reason}`;
    byRow.set(error.row, [...(byRow.get(error.row) ?? []), text]);
  }
  for (const row of rows) {
    const reasons = byRow.get(row.row);
    if (!reasons) continue;
    const values: Record<string, unknown> = {};
    for (const column of definition.columns) values[column.key] = escapeFormula(row.raw[column.key] ?? '');
    values.__reason = `${locale === 'en' ? 'row' : '第'} ${row.row} ${locale === 'en' ? '' : '行'}：${reasons.join('；')}`;
    const added = sheet.addRow(values);
    added.getCell(definition.columns.length + 1).font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function buildExportWorkbook(
  definition: SheetShape,
  records: Array<Record<string, string | number | boolean | null>>,
  locale: Locale,
): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Sitong 四通';
  const sheet = addSheet(workbook, definition, locale);
  for (const record of records) {
    const values: Record<string, unknown> = {};
    for (const column of definition.columns) {
      const value = choiceLabel(column, record[column.key], locale);
      values[column.key] = escapeFormula(
        value === null || value === undefined ? '' : column.digitsAsText || column.kind === 'text' ? String(value) : value,
      );
    }
    sheet.addRow(values);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
