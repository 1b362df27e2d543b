/**
 * The credit transcript as a PDF (A4, pdfkit): the student, every outcome standing in the ledger with
 * its grade or level and credits, the balances, and a QR code that opens /verify for the credentials
 * printed on it. Chinese text needs a CJK font (pdf-font.ts); its glyphs are embedded as a subset.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Locale } from '../../platform/messages.ts';
import type { Balances } from './ledger.ts';
import type { PdfFont } from './pdf-font.ts';
import type { LedgerCategory } from './rules.ts';
import type { TranscriptRow } from './transcript.ts';

export interface TranscriptDocument {
  locale: Locale;
  font: PdfFont;
  institutionName: string;
  student: { name: string; studentNo: string; majorName: string; cohortYear: number };
  rows: TranscriptRow[];
  balances: Balances;
  /** What the QR code opens: PUBLIC_URL/verify?transcript=… */
  verifyUrl: string;
  generatedAt: Date;
}

const labels = {
  'zh-CN': {
    title: '学分成绩单',
    subtitle: '学分银行 · 可验证学分证明',
    name: '姓名',
    studentNo: '学号',
    major: '专业',
    cohort: '年级',
    generated: '生成时间',
    no: '序号',
    category: '类别',
    code: '代码',
    item: '课程 / 证书 / 赛项',
    term: '学期',
    result: '成绩 / 等级',
    credits: '学分',
    none: '暂无已认定的学习成果',
    exempts: '免修',
    totals: '学分合计',
    scan: '扫码核验',
    verifyNote:
      '本成绩单所列每项成果均附可验证学分证明（Open Badges 3.0，由本校签名）。扫描右上角二维码或打开下列网址，可逐项核验签名、签发机构与撤销状态；证明以学号、姓名的加盐哈希标识持有人，核验时可输入本页所印学号或姓名比对。',
    page: (page: number, pages: number) => `第 ${page} 页 / 共 ${pages} 页`,
    categories: { course: '课程', certificate: '证书', competition: '竞赛', exemption: '免修' } as Record<LedgerCategory, string>,
    balances: { course: '课程学分', certificate: '证书学分', competition: '竞赛学分', exemption: '课程免修', total: '合计' },
  },
  en: {
    title: 'Credit transcript',
    subtitle: 'Credit bank · verifiable credentials',
    name: 'Name',
    studentNo: 'Student no.',
    major: 'Major',
    cohort: 'Cohort',
    generated: 'Generated',
    no: 'No.',
    category: 'Type',
    code: 'Code',
    item: 'Course / certificate / award',
    term: 'Term',
    result: 'Grade / level',
    credits: 'Credits',
    none: 'No granted outcomes yet',
    exempts: 'exempts',
    totals: 'Credits in total',
    scan: 'Scan to verify',
    verifyNote:
      'Every outcome on this transcript has a verifiable credential (Open Badges 3.0, signed by the institution). Scan the QR code at the top right or open the address below to check each signature, the issuer and whether it was revoked; the credentials name the holder by salted hashes of the student number and name, which the page can compare with those printed here.',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    categories: { course: 'Course', certificate: 'Certificate', competition: 'Award', exemption: 'Exemption' } as Record<
      LedgerCategory,
      string
    >,
    balances: { course: 'Course', certificate: 'Certificates', competition: 'Awards', exemption: 'Exemptions', total: 'Total' },
  },
};

const beijingTime = (date: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(date)
    .replace(/\//g, '-');

const credits = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** Draws the QR code of `text` as filled squares, `size` points wide, at (x, y). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  doc.save();
  for (let row = 0; row < count; row += 1)
    for (let column = 0; column < count; column += 1)
      if (qr.modules.get(row, column)) doc.rect(x + column * cell, y + row * cell, cell + 0.05, cell + 0.05);
  doc.fillColor('#000000').fill();
  doc.restore();
}

export async function transcriptPdf(input: TranscriptDocument): Promise<Buffer> {
  const words = labels[input.locale];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    bufferPages: true,
    info: {
      Title: `${input.institutionName} ${words.title} ${input.student.studentNo}`,
      Author: input.institutionName,
      Subject: words.title,
      Creator: 'Sitong 四通',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', input.font.path, input.font.face as string);
  doc.font('cjk');

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom - 24;
  const qrSize = 92;

  // Header: title and institution on the left, the QR code on the right.
  drawQr(doc, input.verifyUrl, left + width - qrSize, 40, qrSize);
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text(words.scan, left + width - qrSize, 40 + qrSize + 2, { width: qrSize, align: 'center' });
  doc
    .fillColor('#000000')
    .fontSize(20)
    .text(words.title, left, 48, { width: width - qrSize - 16 });
  doc.fontSize(12).text(input.institutionName, { width: width - qrSize - 16 });
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(words.subtitle, { width: width - qrSize - 16 });
  doc.fillColor('#000000');

  // The student.
  let y = 150;
  const facts: Array<[string, string]> = [
    [words.name, input.student.name],
    [words.studentNo, input.student.studentNo],
    [words.major, input.student.majorName],
    [words.cohort, String(input.student.cohortYear)],
    [words.generated, beijingTime(input.generatedAt)],
  ];
  doc.fontSize(10);
  const labelWidth = input.locale === 'en' ? 70 : 56;
  facts.forEach(([label, value], index) => {
    const column = index % 2;
    const x = left + column * (width / 2);
    if (index > 0 && column === 0) y += 16;
    doc.fillColor('#555555').text(label, x, y, { width: labelWidth, lineBreak: false });
    doc.fillColor('#000000').text(value, x + labelWidth, y, { width: width / 2 - labelWidth - 8, lineBreak: false });
  });
  y += 26;

  // The table.
  const columns = [
    { key: 'no', label: words.no, width: 26, align: 'center' as const },
    { key: 'category', label: words.category, width: input.locale === 'en' ? 58 : 34, align: 'left' as const },
    { key: 'code', label: words.code, width: 80, align: 'left' as const },
    { key: 'item', label: words.item, width: 0, align: 'left' as const },
    { key: 'term', label: words.term, width: 100, align: 'left' as const },
    { key: 'result', label: words.result, width: 56, align: 'center' as const },
    { key: 'credits', label: words.credits, width: 36, align: 'right' as const },
  ];
  columns[3]!.width = width - columns.reduce((sum, column) => sum + column.width, 0);
  const pad = 3;
  const drawRow = (cells: string[], options: { header?: boolean; shade?: boolean }) => {
    doc.fontSize(9);
    const heights = cells.map((cell, index) => doc.heightOfString(cell || ' ', { width: columns[index]!.width - 2 * pad }));
    const height = Math.max(...heights) + 2 * pad;
    if (y + height > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
      if (!options.header)
        drawRow(
          columns.map((column) => column.label),
          { header: true },
        );
    }
    if (options.header || options.shade) {
      doc
        .save()
        .rect(left, y, width, height)
        .fill(options.header ? '#e8eef7' : '#f7f7f7')
        .restore();
    }
    let x = left;
    cells.forEach((cell, index) => {
      const column = columns[index]!;
      doc.fillColor('#000000').text(cell, x + pad, y + pad, { width: column.width - 2 * pad, align: column.align });
      x += column.width;
    });
    doc
      .save()
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.4)
      .strokeColor('#bbbbbb')
      .stroke()
      .restore();
    y += height;
  };
  drawRow(
    columns.map((column) => column.label),
    { header: true },
  );
  if (input.rows.length === 0) drawRow(['', '', '', words.none, '', '', ''], {});
  input.rows.forEach((row, index) => {
    const name = row.name[input.locale] + (row.exempts ? `（${words.exempts} ${row.exempts[input.locale]}）` : '');
    drawRow(
      [
        String(index + 1),
        words.categories[row.category],
        row.code ?? '',
        name,
        row.term?.[input.locale] ?? '',
        row.result?.[input.locale] ?? '',
        credits(row.credits),
      ],
      { shade: index % 2 === 1 },
    );
  });

  // Balances and the note on verification.
  const totals = (['course', 'certificate', 'competition', 'exemption', 'total'] as const)
    .map((key) => `${words.balances[key]} ${credits(input.balances[key])}`)
    .join(input.locale === 'en' ? '  ·  ' : '　·　');
  const note = `${words.verifyNote}\n${input.verifyUrl}`;
  doc.fontSize(10);
  const tail = doc.heightOfString(totals, { width }) + doc.fontSize(8).heightOfString(note, { width }) + 30;
  if (y + tail > bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  y += 10;
  doc
    .fontSize(10)
    .fillColor('#000000')
    .text(`${words.totals}${input.locale === 'en' ? ': ' : '：'}${totals}`, left, y, { width });
  y = doc.y + 10;
  doc.fontSize(8).fillColor('#555555').text(note, left, y, { width });

  // Page numbers.
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    const footerY = doc.page.height - doc.page.margins.bottom + 14;
    // Inside the bottom margin: without this pdfkit would start a new page for the footer.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#777777')
      .text(words.page(index + 1, range.count), left, footerY, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
