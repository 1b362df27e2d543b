/**
 * An .xlsx is a zip: a few kilobytes can inflate to gigabytes (a zip bomb), and the spreadsheet
 * library inflates every entry fully before anything is counted. This reads the zip's central
 * directory first and streams each entry through inflate, so that a file whose entries, uncompressed
 * bytes or sheet rows are over the limits is refused before any of it is held in memory. yauzl
 * checks each entry's real inflated size against the size its directory declares, so a directory
 * that lies about sizes is refused too.
 */
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';

export interface XlsxLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Rows of any one worksheet, header included. */
  maxRows: number;
}

export const defaultXlsxLimits: Omit<XlsxLimits, 'maxRows'> = { maxEntries: 2000, maxUncompressedBytes: 100 * 1024 * 1024 };

const rowTag = /<(?:\w+:)?row[\s>/]/g;
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

const tooLarge = (limits: XlsxLimits) =>
  new AppError(413, 'XLSX_TOO_LARGE', 'import.uncompressed_too_large', { limitMb: Math.round(limits.maxUncompressedBytes / 1048576) });
const tooManyRows = (limits: XlsxLimits) => new AppError(422, 'TOO_MANY_ROWS', 'import.too_many_rows', { limit: limits.maxRows - 1 });

function closeQuietly(zip: yauzl.ZipFile) {
  try {
    if (zip.isOpen) zip.close();
  } catch {
    // already closed by its own iterator
  }
}

/** Throws a 4xx when the workbook is over a limit or not a readable zip; reads nothing into memory beyond one chunk. */
export async function checkXlsxBounds(buffer: Buffer, limits: XlsxLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new AppError(415, 'NOT_XLSX', 'import.not_xlsx');
  }
  if (zip.entryCount > limits.maxEntries) {
    closeQuietly(zip);
    throw tooLarge(limits);
  }
  let declared = 0;
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) throw tooLarge(limits);
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const counting = isWorksheet(entry.fileName);
      let rows = 0;
      let tail = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxUncompressedBytes) {
          stream.destroy();
          throw tooLarge(limits);
        }
        if (!counting) continue;
        // A tag can straddle two chunks: the last few characters of one are searched with the next.
        const text = tail + chunk.toString('latin1');
        rows += text.match(rowTag)?.length ?? 0;
        tail = text.slice(-8).replace(rowTag, '');
        if (rows > limits.maxRows) {
          stream.destroy();
          throw tooManyRows(limits);
        }
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A truncated entry, a bad CRC, or an entry bigger than its directory says.
    throw new AppError(415, 'NOT_XLSX', 'import.not_xlsx');
  } finally {
    closeQuietly(zip);
  }
}
