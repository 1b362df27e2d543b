import { describe, expect, it } from 'vitest';
import { makeXlsx } from '../../../tests/support/xlsx.ts';
import { blankSheet, declareSize, emptyRowsSheet, replaceFirstSheet } from '../../../tests/support/zip-bomb.ts';
import { AppError } from '../errors.ts';
import { checkXlsxBounds } from './zip-guard.ts';

const limits = { maxEntries: 100, maxUncompressedBytes: 20 * 1024 * 1024, maxRows: 5001 };

async function refusal(buffer: Buffer) {
  const error = await checkXlsxBounds(buffer, limits).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the .xlsx guard (zip bombs and oversized sheets are refused before they are inflated into memory)', () => {
  it('lets an ordinary workbook through', async () => {
    const ordinary = await makeXlsx(['学号', '姓名'], [['2025001', '张三']]);
    await expect(checkXlsxBounds(ordinary, limits)).resolves.toBeUndefined();
  });

  it('refuses a sheet that inflates past the limit, though the file itself is small', async () => {
    const bomb = replaceFirstSheet(await makeXlsx(['学号'], [['1']]), blankSheet(64));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await refusal(bomb);
    expect([error.status, error.code]).toEqual([413, 'XLSX_TOO_LARGE']);
  });

  it('refuses an entry that inflates beyond the size its central directory declares', async () => {
    const honest = replaceFirstSheet(await makeXlsx(['学号'], [['1']]), blankSheet(2));
    await expect(checkXlsxBounds(honest, limits)).resolves.toBeUndefined();
    const lying = declareSize(honest, 'xl/worksheets/sheet1.xml', 1000);
    const error = await refusal(lying);
    expect([error.status, error.code]).toEqual([415, 'NOT_XLSX']);
  });

  it('refuses a sheet with more rows than the import takes, counting its row tags while streaming', async () => {
    const atLimit = replaceFirstSheet(await makeXlsx(['学号'], [['1']]), emptyRowsSheet(5001));
    await expect(checkXlsxBounds(atLimit, limits)).resolves.toBeUndefined();
    const over = replaceFirstSheet(await makeXlsx(['学号'], [['1']]), emptyRowsSheet(5002));
    const error = await refusal(over);
    expect([error.status, error.code, error.params.limit]).toEqual([422, 'TOO_MANY_ROWS', 5000]);
  });

  it('refuses a zip with too many entries, and bytes that are no zip at all', async () => {
    const workbook = await makeXlsx(['学号'], [['1']]);
    const error = await checkXlsxBounds(workbook, { ...limits, maxEntries: 3 }).catch((caught: AppError) => caught);
    expect((error as AppError).code).toBe('XLSX_TOO_LARGE');
    const garbage = await refusal(Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(garbage.code).toBe('NOT_XLSX');
  });
});
