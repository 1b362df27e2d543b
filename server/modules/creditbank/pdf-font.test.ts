import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { chineseFace, knownFontPaths, pdfFont } from './pdf-font.ts';

const noto = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

describe('the font of PDF exports', () => {
  it("takes the Simplified Chinese face of Debian's Noto CJK collection (fonts-noto-cjk, installed by the test dependencies)", () => {
    expect(fs.existsSync(noto)).toBe(true);
    expect(chineseFace(noto)).toEqual({ path: noto, face: 'NotoSansCJKsc-Regular' });
    expect(knownFontPaths[0]).toBe(noto);
  });

  it('finds it on the system when PDF_FONT is unset', () => {
    const found = pdfFont(undefined);
    expect(found.face).toMatch(/SC|sc/);
    expect(chineseFace(found.path)).toEqual(found);
  });

  it('refuses a font without Chinese glyphs and a missing file, naming the setting', () => {
    if (fs.existsSync(dejavu)) expect(chineseFace(dejavu)).toBeNull();
    expect(chineseFace('/nonexistent/font.ttc')).toBeNull();
    expect(chineseFace('/usr/share/fonts')).toBeNull();
    let refusal: unknown;
    try {
      pdfFont('/nonexistent/font.ttc');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).status).toBe(503);
    expect((refusal as AppError).localized('zh-CN').message).toContain('/nonexistent/font.ttc');
    expect((refusal as AppError).localized('en').message).toContain('PDF_FONT');
  });
});
