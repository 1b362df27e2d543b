/**
 * The font the PDF exports write Chinese with. PDF_FONT names a file (.ttc/.otf/.ttf); without it the
 * system's fonts are searched (Debian's fonts-noto-cjk first, then other common CJK fonts and what
 * fontconfig offers for Chinese). A font qualifies only when it has Chinese glyphs; in a collection
 * (.ttc) the Simplified Chinese face is taken. Nothing is downloaded: without a font the export says
 * so, in words, and the rest of the server goes on.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import * as fontkit from 'fontkit';
import { AppError } from '../../platform/errors.ts';
import './messages.ts';

export interface PdfFont {
  path: string;
  /** The face inside a collection (its PostScript name), or undefined for a single-face file. */
  face: string | undefined;
}

/** Where Linux distributions, macOS and Windows keep CJK fonts; the first with Chinese glyphs wins. */
export const knownFontPaths = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Light.ttc',
  '/Library/Fonts/Arial Unicode.ttf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
];

/** 学, 分 and 银: a face without them cannot print a transcript. */
const probe = [0x5b66, 0x5206, 0x94f6];

type Face = { postscriptName: string; familyName: string; hasGlyphForCodePoint(codePoint: number): boolean };

/** The face of a font file that prints Chinese (Simplified first in a collection), or null. */
export function chineseFace(path: string): PdfFont | null {
  let opened: unknown;
  try {
    if (!fs.statSync(path).isFile()) return null;
    opened = fontkit.openSync(path);
  } catch {
    return null;
  }
  const collection = (opened as { fonts?: Face[] }).fonts;
  const faces: Face[] = collection ?? [opened as Face];
  const printable = faces.filter((face) => probe.every((codePoint) => face.hasGlyphForCodePoint(codePoint)));
  if (printable.length === 0) return null;
  if (!collection) return { path, face: undefined };
  // NotoSansCJKsc-Regular, PingFangSC-Regular, …: Simplified Chinese glyph shapes; proportional before monospaced.
  const proportional = printable.filter((face) => !/Mono/i.test(face.postscriptName));
  const simplified = [...proportional, ...printable].find((face) => /CJKsc|SC-|SC$|GB|Hans/.test(face.postscriptName));
  const chosen = simplified ?? proportional[0] ?? printable[0]!;
  return { path, face: chosen.postscriptName };
}

function fontconfigCandidates(): string[] {
  try {
    const out = execFileSync('fc-match', ['-s', '-f', '%{file}\n', 'sans-serif:lang=zh-cn'], { encoding: 'utf8', timeout: 3000 });
    return out.split('\n').filter(Boolean).slice(0, 20);
  } catch {
    return [];
  }
}

/** Fonts found, per setting (a missing font is looked for again on the next export, so installing one needs no restart). */
const resolved = new Map<string, PdfFont>();

/**
 * The font for a PDF export: the configured file (which must print Chinese), or the first suitable one
 * on the system. Throws a 503 that names the setting and the package when there is none.
 */
export function pdfFont(configured: string | undefined): PdfFont {
  const key = configured ?? '';
  const known = resolved.get(key);
  if (known) return known;
  let found: PdfFont | null = null;
  if (configured) found = chineseFace(configured);
  else for (const candidate of [...knownFontPaths, ...fontconfigCandidates()]) if ((found = chineseFace(candidate))) break;
  if (found) {
    resolved.set(key, found);
    return found;
  }
  throw configured
    ? new AppError(503, 'PDF_FONT_UNUSABLE', 'creditbank.transcript.font_unusable', { path: configured })
    : new AppError(503, 'PDF_FONT_MISSING', 'creditbank.transcript.font_missing');
}
