import { unzipSync, Zip, ZipDeflate } from 'fflate';

/**
 * Real .xlsx files whose first worksheet is replaced: by megabytes of blank XML that deflate to a few
 * hundred kilobytes (a zip bomb), or by many empty rows. The other parts of the workbook are kept, so
 * only the size or the row count is wrong.
 */
export function replaceFirstSheet(xlsx: Buffer, sheetParts: Iterable<string>): Buffer {
  const entries = unzipSync(new Uint8Array(xlsx));
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  for (const [name, data] of Object.entries(entries)) {
    if (name === 'xl/worksheets/sheet1.xml') continue;
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(data, true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  const encoder = new TextEncoder();
  for (const part of sheetParts) sheet.push(encoder.encode(part), false);
  sheet.push(new Uint8Array(0), true);
  zip.end();
  return Buffer.concat(out);
}

const sheetHead =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const sheetTail = '</sheetData></worksheet>';

/** A first sheet of `megabytes` MB of blank space inside sheetData. */
export function* blankSheet(megabytes: number): Generator<string> {
  yield sheetHead;
  const blank = ' '.repeat(1024 * 1024);
  for (let index = 0; index < megabytes; index++) yield blank;
  yield sheetTail;
}

/** A first sheet of `rows` empty rows. */
export function* emptyRowsSheet(rows: number): Generator<string> {
  yield sheetHead;
  for (let start = 1; start <= rows; start += 1000) {
    let part = '';
    for (let row = start; row < Math.min(start + 1000, rows + 1); row++) part += `<row r="${row}"/>`;
    yield part;
  }
  yield sheetTail;
}

/** Rewrites the uncompressed size that the central directory declares for one entry (a lying directory). */
export function declareSize(zip: Buffer, entryName: string, declared: number): Buffer {
  const copy = Buffer.from(zip);
  const name = Buffer.from(entryName);
  for (let at = copy.length - 46; at >= 0; at--) {
    if (copy.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = copy.readUInt16LE(at + 28);
    if (nameLength === name.length && copy.subarray(at + 46, at + 46 + nameLength).equals(name)) {
      copy.writeUInt32LE(declared, at + 24);
      return copy;
    }
  }
  throw new Error(`no central directory entry ${entryName}`);
}
