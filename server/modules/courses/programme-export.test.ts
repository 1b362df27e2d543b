import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildProgrammeDocx, buildProgrammeXlsx, type ProgrammeDocument } from './programme-export.ts';
import type { ProgrammeItem } from './programme-service.ts';
import { courseLayers, moduleTypes, programmeMetrics, type CourseLayer, type ModuleType } from './rules.ts';
import { round1 } from '../../platform/numbers.ts';

// ---------------------------------------------------------------------------------------------
// Fixture: 钢铁智能冶金技术 (group 1 冶金群) with courses from 装备群 (2) and 信息群 (3).

const GROUP = 1;
let nextId = 1;
function course(
  code: string,
  name: string,
  layer: CourseLayer,
  moduleType: ModuleType,
  ownerGroupId: number | null,
  termNo: number,
  credits: number,
  theoryHours: number,
  practiceHours: number,
  assessment: 'exam' | 'assessment',
  isElective = false,
): ProgrammeItem {
  const id = nextId++;
  return {
    id,
    courseId: 100 + id,
    courseVersionId: 1000 + id,
    versionNo: 1,
    latestVersionNo: 1,
    code,
    name,
    nameEn: null,
    termNo,
    isElective,
    credits,
    theoryHours,
    practiceHours,
    assessment,
    layer,
    moduleType,
    ownerGroupId,
    prerequisiteCodes: [],
    certificateCodes: [],
  };
}

const FORMULA_NAME = '=SUM(A1)';
const MARKUP_NAME = '数字孪生技术（含<建模>&仿真）';

// Deliberately not in display order: the export sorts.
const items: ProgrammeItem[] = [
  course('YJ-301', '钢铁冶金工艺', 'core', 'professional', GROUP, 3, 4, 32, 32, 'exam'),
  course('SZ-101', '思想道德与法治', 'shared', 'ideology_culture', null, 1, 3, 40, 8, 'exam'),
  course('SZ-102', '毛泽东思想和中国特色社会主义理论体系概论', 'shared', 'ideology_culture', null, 2, 2, 28, 4, 'exam'),
  course('SZ-103', '习近平新时代中国特色社会主义思想概论', 'shared', 'ideology_culture', null, 3, 3, 40, 8, 'exam'),
  course('GG-101', '高等数学', 'shared', 'ideology_culture', null, 1, 6, 80, 16, 'exam'),
  course('GG-102', '大学英语', 'shared', 'ideology_culture', null, 2, 6, 64, 32, 'exam'),
  course('TY-101', '体育与健康', 'shared', 'ideology_culture', null, 1, 4, 8, 56, 'assessment'),
  course('JC-201', '工程制图与CAD', 'shared', 'professional', null, 2, 6, 40, 56, 'exam'),
  course('JC-202', '电工电子技术', 'shared', 'professional', null, 1, 5.5, 48, 40, 'exam'),
  course('YJ-201', '冶金原理', 'core', 'professional', GROUP, 2, 4, 48, 16, 'exam'),
  course('YJ-302', '冶金过程智能控制', 'core', 'professional', GROUP, 3, 4, 32, 32, 'exam'),
  course('YJ-401', '炼钢生产操作与仿真', 'core', 'professional', GROUP, 4, 4, 16, 48, 'assessment'),
  course('YJ-402', '连铸生产技术', 'core', 'professional', GROUP, 4, 3, 24, 24, 'exam'),
  course('YJ-501', '冶金生产综合实训', 'core', 'professional', GROUP, 5, 3, 0, 72, 'assessment'),
  course('YJ-601', '岗位实习', 'core', 'professional', GROUP, 6, 18, 0, 540, 'assessment'),
  course('ZB-301', '工业机器人应用', 'extension', 'extension', 2, 4, 3, 16, 32, 'assessment'),
  course('XX-301', '工业大数据分析', 'extension', 'extension', 3, 5, 2, 16, 16, 'assessment'),
  course('CX-201', '创新创业基础', 'extension', 'innovation', 3, 3, 2, 16, 16, 'assessment'),
  course('ZB-401', 'PLC控制技术', 'extension', 'extension', 2, 4, 4, 24, 40, 'exam', true),
  course('ZB-402', FORMULA_NAME, 'extension', 'extension', 2, 5, 2, 16, 16, 'assessment', true),
  course('XX-401', 'Python程序设计', 'extension', 'extension', 3, 4, 3, 16, 32, 'assessment', true),
  course('XX-402', '工业互联网技术', 'extension', 'extension', 3, 5, 3, 24, 24, 'exam', true),
  course('XX-403', MARKUP_NAME, 'extension', 'extension', 3, 5, 4, 32, 32, 'exam', true),
  course('ZB-403', '智能传感与检测', 'extension', 'extension', 2, 4, 2, 16, 16, 'assessment', true),
];

const ELECTIVE_REQUIRED = 12;
const TERMS = 6;
const metrics = programmeMetrics(
  { groupId: GROUP, graduationCredits: 100, electiveCreditsRequired: ELECTIVE_REQUIRED, courses: items },
  TERMS,
);

const doc: ProgrammeDocument = {
  title: '钢铁智能冶金技术专业2025级人才培养方案',
  institutionName: '天津工业职业学院',
  clusterName: '智能制造专业集群',
  groupName: '智能冶金专业群',
  majorCode: '430102',
  majorName: '钢铁智能冶金技术',
  cohortYear: 2025,
  statusLabel: '草稿',
  graduationCredits: 100,
  electiveCreditsRequired: ELECTIVE_REQUIRED,
  termCount: TERMS,
  items,
  metrics,
  ownerGroupNames: { 1: '冶金群', 2: '装备群', 3: '信息群' },
  texts: {
    entryRequirements: '普通高级中学毕业生、中等职业学校毕业生或具有同等学力者。',
    studyDuration: '基本修业年限 3 年，实行弹性学制。',
    objective: '培养具有“高素质、强技能、能迁移、敢革新”特质的高技能人才（准工匠）。',
    quality: '（1）有情怀、擅合作、具素养；\n（2）具有绿色低碳与安全生产意识。',
    knowledge: '（1）掌握生态文明、绿色制造基础、智能制造导论等共享课程知识；',
    ability: '（1）娴操作、明工艺、知设计、识管理；\n（2）擅学习、可拓展；\n（3）懂技改、会创新。',
    // graduationRequirements left empty: the generated line still states the credits.
  },
};

// Expected figures, computed here from the fixture.
interface Sums {
  credits: number;
  totalHours: number;
  theoryHours: number;
  practiceHours: number;
  byTerm: number[];
}
function sums(list: ProgrammeItem[]): Sums {
  const required = list.filter((item) => !item.isElective);
  return {
    credits: round1(required.reduce((sum, item) => sum + item.credits, 0)),
    totalHours: required.reduce((sum, item) => sum + item.theoryHours + item.practiceHours, 0),
    theoryHours: required.reduce((sum, item) => sum + item.theoryHours, 0),
    practiceHours: required.reduce((sum, item) => sum + item.practiceHours, 0),
    byTerm: Array.from({ length: TERMS }, (_, index) =>
      required.filter((item) => item.termNo === index + 1).reduce((sum, item) => sum + item.theoryHours + item.practiceHours, 0),
    ),
  };
}
/** Sums as the row shows them: credits, total, theory, practice, (assessment blank), term 1..6. */
const sumRow = (s: Sums) => [s.credits, s.totalHours, s.theoryHours, s.practiceHours, null, ...s.byTerm];
const expectedOrder = courseLayers.flatMap((layer) =>
  items
    .filter((item) => item.layer === layer)
    .sort(
      (a, b) =>
        Number(a.isElective) - Number(b.isElective) ||
        moduleTypes.indexOf(a.moduleType) - moduleTypes.indexOf(b.moduleType) ||
        a.termNo - b.termNo ||
        a.code.localeCompare(b.code),
    )
    .map((item) => item.code),
);

const zhHeaders = [
  '课程层级',
  '课程模块',
  '序号',
  '课程代码',
  '课程名称',
  '开课单位',
  '课程性质',
  '学分',
  '总学时',
  '理论学时',
  '实践学时',
  '考核方式',
  '第1学期',
  '第2学期',
  '第3学期',
  '第4学期',
  '第5学期',
  '第6学期',
];
const COLUMNS = zhHeaders.length;
const C = {
  layer: 0,
  module: 1,
  seq: 2,
  code: 3,
  name: 4,
  owner: 5,
  nature: 6,
  credits: 7,
  total: 8,
  theory: 9,
  practice: 10,
  assessment: 11,
  term1: 12,
};

// ---------------------------------------------------------------------------------------------
// Helpers

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'programme-export-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function readSheet(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0]!;
  const rows: { rowNo: number; values: unknown[] }[] = [];
  for (let rowNo = 1; rowNo <= sheet.rowCount; rowNo += 1) {
    rows.push({ rowNo, values: Array.from({ length: COLUMNS }, (_, col) => sheet.getCell(rowNo, col + 1).value ?? null) });
  }
  return { sheet, rows };
}

/** Table rows of a document.xml table: one array of cell texts per <w:tr>. */
function docxTableRows(tableXml: string): string[][] {
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return tableXml
    .split(/<w:tr[ >]/)
    .slice(1)
    .map((row) =>
      row
        .split(/<w:tc[ >]/)
        .slice(1)
        .map((cell) => [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => unescape(match[1]!)).join('')),
    );
}

function run(command: string, args: string[], timeout: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }),
    );
  });
}

function sofficeBinary(): string | null {
  for (const candidate of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

describe('programme export: xlsx', () => {
  it('writes the 课程设置与学时分配表 with numeric cells, sorted rows, subtotals, total and summary (zh-CN)', async () => {
    const buffer = await buildProgrammeXlsx(doc, 'zh-CN');
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const { sheet, rows } = await readSheet(buffer);
    const row = (rowNo: number) => rows[rowNo - 1]!.values;

    // Title (merged across the table), information line, caption.
    expect(sheet.getCell('A1').value).toBe(doc.title);
    expect(sheet.getCell(1, COLUMNS).master.address).toBe('A1');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    const info = String(sheet.getCell('A2').value);
    for (const part of ['天津工业职业学院', '430102 钢铁智能冶金技术', '2025级', '智能冶金专业群', '草稿', '毕业学分：100'])
      expect(info).toContain(part);
    expect(sheet.getCell('A3').value).toBe('课程设置与学时分配表');

    // Two header rows; the lower one carries every column's own header.
    const headerRowNo = rows.findIndex((r) => r.values[C.code] === '课程代码') + 1;
    expect(headerRowNo).toBe(4);
    expect(row(5)).toEqual(zhHeaders);
    expect(row(4).slice(C.total, C.practice + 1)).toEqual(['学时分配', '学时分配', '学时分配']);
    expect(row(4)[C.term1]).toBe('各学期学时分配');
    expect(sheet.getCell(4, 1).font?.bold).toBe(true);
    expect(sheet.getCell(5, C.term1 + 1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.getColumn(C.name + 1).width).toBeGreaterThan(sheet.getColumn(C.seq + 1).width!);

    // Course rows: every item once, in layer → required/elective → module → term → code order, numbered 1..n.
    const totalRowNo = rows.findIndex((r) => r.values[C.layer] === '合计') + 1;
    expect(totalRowNo).toBeGreaterThan(5);
    const courseRows = rows.slice(5, totalRowNo - 1).filter((r) => typeof r.values[C.seq] === 'number');
    expect(courseRows.map((r) => r.values[C.code])).toEqual(expectedOrder);
    expect(courseRows.map((r) => r.values[C.seq])).toEqual(items.map((_, index) => index + 1));

    // A known course: numbers as numbers, hours in the right term column only.
    const known = courseRows.find((r) => r.values[C.code] === 'YJ-301')!;
    expect(known.values.slice(0, C.term1)).toEqual([
      '中层分立',
      '专业模块',
      known.values[C.seq],
      'YJ-301',
      '钢铁冶金工艺',
      '冶金群',
      '必修',
      4,
      64,
      32,
      32,
      '考试',
    ]);
    expect(known.values.slice(C.term1)).toEqual([null, null, 64, null, null, null]);
    const credits = sheet.getCell(known.rowNo, C.credits + 1);
    expect(credits.type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell(known.rowNo, C.term1 + 3).type).toBe(ExcelJS.ValueType.Number);
    expect(credits.border?.top?.style).toBe('thin');
    const shared = courseRows.find((r) => r.values[C.code] === 'JC-202')!;
    expect(shared.values.slice(C.owner, C.credits + 1)).toEqual(['集群共享', '必修', 5.5]);
    const elective = courseRows.find((r) => r.values[C.code] === 'XX-401')!;
    expect(elective.values.slice(C.owner, C.practice + 1)).toEqual(['信息群', '选修(跨群拓展)', 3, 48, 16, 32]);
    expect(elective.values[C.term1 + 3]).toBe(48);

    // Subtotals: one per layer, required courses only.
    const subtotals = rows.filter((r) => r.values[C.module] === '小计');
    expect(subtotals.map((r) => r.values[C.layer])).toEqual(['底层共享', '中层分立', '高层互选']);
    for (const [index, layer] of courseLayers.entries()) {
      expect(subtotals[index]!.values.slice(C.credits)).toEqual(sumRow(sums(items.filter((item) => item.layer === layer))));
    }
    expect(sheet.getCell(subtotals[0]!.rowNo, C.credits + 1).type).toBe(ExcelJS.ValueType.Number);

    // The elective options: a note row under the extension layer.
    const offered = round1(items.filter((item) => item.isElective).reduce((sum, item) => sum + item.credits, 0));
    const notes = rows.filter((r) => String(r.values[C.module] ?? '').startsWith('选修：'));
    expect(notes.map((r) => r.values[C.module])).toEqual([`选修：须修满 ${ELECTIVE_REQUIRED} 学分（可选 ${offered} 学分）`]);
    expect(notes[0]!.rowNo).toBe(subtotals[2]!.rowNo + 1);

    // Total row: all required courses.
    const expectedTotal = sums(items);
    expect(row(totalRowNo).slice(C.credits)).toEqual(sumRow(expectedTotal));
    expect(expectedTotal.credits).toBe(metrics.requiredCredits);
    expect(expectedTotal.totalHours).toBe(metrics.totalHours);

    // Summary block: numbers from the metrics, percentages as fractions with a percent format.
    const summary = (label: string) => {
      const found = rows.find((r) => r.rowNo > totalRowNo && r.values[0] === label);
      expect(found, label).toBeDefined();
      return sheet.getCell(found!.rowNo, C.name + 1);
    };
    expect(summary('总学分').value).toBe(metrics.totalCredits);
    expect(metrics.totalCredits).toBe(round1(expectedTotal.credits + ELECTIVE_REQUIRED));
    expect(summary('底层共享课程').value).toBe(8);
    expect(summary('底层共享学分').value).toBe(metrics.sharedCredits);
    expect(summary('群核心学分（中层分立）').value).toBe(metrics.coreCredits);
    expect(summary('跨群拓展学分（高层互选）').value).toBe(metrics.crossGroupExtensionCredits);
    for (const [label, ratio] of [
      ['实践学时占比', metrics.practiceShare],
      ['跨群共享通识、基础能力课程占比', metrics.sharedFoundationRatio],
      ['跨群共享拓展课程占比', metrics.sharedExtensionRatio],
    ] as const) {
      const cell = summary(label);
      expect(cell.type).toBe(ExcelJS.ValueType.Number);
      expect(cell.value as number).toBeCloseTo(ratio, 10);
      expect(cell.numFmt).toContain('%');
    }
    expect(metrics.practiceShare).toBeGreaterThan(0);
    expect(metrics.sharedExtensionRatio).toBeGreaterThan(0);

    // Formula escape: the user-supplied name stays text with a leading quote, and the sheet holds no formula.
    const formula = courseRows.find((r) => r.values[C.code] === 'ZB-402')!;
    expect(formula.values[C.name]).toBe(`'${FORMULA_NAME}`);
    expect(sheet.getCell(formula.rowNo, C.name + 1).type).toBe(ExcelJS.ValueType.String);
    const zip = await JSZip.loadAsync(buffer);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(courseRows.find((r) => r.values[C.code] === 'XX-403')!.values[C.name]).toBe(MARKUP_NAME);
  });

  it('writes English headers and labels for the en locale', async () => {
    const { rows } = await readSheet(await buildProgrammeXlsx(doc, 'en'));
    const header = rows[4]!;
    expect(header.values).toEqual([
      'Layer',
      'Module',
      'No.',
      'Code',
      'Course',
      'Offered by',
      'Type',
      'Credits',
      'Total hours',
      'Theory hours',
      'Practice hours',
      'Assessment',
      'Term 1',
      'Term 2',
      'Term 3',
      'Term 4',
      'Term 5',
      'Term 6',
    ]);
    expect(rows.filter((r) => r.values[C.module] === 'Subtotal').map((r) => r.values[C.layer])).toEqual([
      'Shared platform',
      'Group core',
      'Cross-group extension',
    ]);
    const known = rows.find((r) => r.values[C.code] === 'SZ-101')!;
    expect(known.values.slice(C.owner, C.credits + 1)).toEqual(['Cluster-shared', 'Required', 3]);
    expect(known.values[C.assessment]).toBe('Examination');
    expect(rows.find((r) => r.values[C.layer] === 'Total')!.values.slice(C.credits)).toEqual(sumRow(sums(items)));
    const offered = round1(items.filter((item) => item.isElective).reduce((sum, item) => sum + item.credits, 0));
    expect(rows.filter((r) => String(r.values[C.module] ?? '').startsWith('Electives:')).map((r) => r.values[C.module])).toEqual([
      `Electives: at least ${ELECTIVE_REQUIRED} credits required (${offered} credits offered)`,
    ]);
  });
});

describe('programme export: docx', () => {
  it('writes an A4 landscape Word document with a real table, repeated header rows and the same figures', async () => {
    const buffer = await buildProgrammeDocx(doc, 'zh-CN');
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file('word/document.xml')!.async('string');

    expect(xml).toContain(doc.title);
    expect(xml).toContain('钢铁冶金工艺');
    expect(xml).toContain('合计');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('数字孪生技术（含&lt;建模&gt;&amp;仿真）');
    // The section holding the course table (its sectPr follows it) is landscape A4.
    const afterTable = xml.slice(xml.indexOf('钢铁冶金工艺'));
    const pageSize = afterTable.match(/<w:pgSz [^>]*>/)?.[0] ?? '';
    expect(pageSize).toContain('w:orient="landscape"');
    expect(pageSize).toContain('w:w="16838"');
    expect(pageSize).toContain('w:h="11906"');
    expect(xml).toMatch(/w:eastAsia="SimSun"/);

    // Tables: 课程设置 (the course table), then in 学时安排 the hours by layer and the summary.
    const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((match) => match[1]!);
    expect(tables).toHaveLength(3);
    const courseTable = tables[0]!;
    const rows = docxTableRows(courseTable);
    // 2 header rows + courses + 3 subtotals + 1 elective note + total.
    expect(rows).toHaveLength(2 + items.length + 3 + 1 + 1);
    const headerRows = courseTable.split(/<w:tr[ >]/).slice(1, 3);
    for (const headerRow of headerRows) expect(headerRow).toMatch(/<w:tblHeader\b/);
    expect(
      courseTable
        .split(/<w:tr[ >]/)
        .slice(3)
        .some((r) => /<w:tblHeader\b/.test(r)),
    ).toBe(false);
    expect(rows[1]!.slice(C.total)).toEqual([
      '总学时',
      '理论学时',
      '实践学时',
      '',
      '第1学期',
      '第2学期',
      '第3学期',
      '第4学期',
      '第5学期',
      '第6学期',
    ]);

    const known = rows.find((r) => r[C.code] === 'YJ-301')!;
    expect(known).toHaveLength(COLUMNS);
    expect(known.slice(C.code)).toEqual([
      'YJ-301',
      '钢铁冶金工艺',
      '冶金群',
      '必修',
      '4',
      '64',
      '32',
      '32',
      '考试',
      '',
      '',
      '64',
      '',
      '',
      '',
    ]);
    const codes = rows.filter((r) => r.length === COLUMNS && /^\d+$/.test(r[C.seq]!)).map((r) => r[C.code]);
    expect(codes).toEqual(expectedOrder);

    const asText = (values: (number | null)[]) => values.map((value) => (value === null ? '' : String(value)));
    const subtotals = rows.filter((r) => r[1] === '小计');
    expect(subtotals).toHaveLength(3);
    courseLayers.forEach((layer, index) => {
      expect(subtotals[index]!.slice(2)).toEqual(asText(sumRow(sums(items.filter((item) => item.layer === layer)))));
    });
    const total = rows.find((r) => r[0] === '合计')!;
    expect(total.slice(1)).toEqual(asText(sumRow(sums(items))));

    const summary = docxTableRows(tables[2]!);
    expect(summary.find((r) => r[0] === '总学分')![1]).toContain(String(metrics.totalCredits));
    expect(summary.find((r) => r[0] === '实践学时占比')![1]).toContain(`${(Math.round(metrics.practiceShare * 1000) / 10).toFixed(1)}%`);
    expect(summary.map((r) => r[0])).toContain('跨群共享拓展课程占比');
  });
});

/** Paragraphs of a document.xml in order: their text and, for headings, the style (Heading1, Heading2). */
function docxParagraphs(xml: string): { text: string; style: string | null; inTable: boolean }[] {
  const result: { text: string; style: string | null; inTable: boolean }[] = [];
  let depth = 0;
  for (const match of xml.matchAll(/<w:tbl>|<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    if (match[0] === '<w:tbl>') depth += 1;
    else if (match[0] === '</w:tbl>') depth -= 1;
    else {
      const text = [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');
      result.push({ text, style: match[0].match(/<w:pStyle w:val="([^"]+)"/)?.[1] ?? null, inTable: depth > 0 });
    }
  }
  return result;
}

const zhParts = [
  '一、专业名称与代码',
  '二、入学要求',
  '三、修业年限',
  '四、培养目标',
  '五、培养规格',
  '（一）素质',
  '（二）知识',
  '（三）能力',
  '六、课程设置',
  '七、学时安排',
  '八、毕业要求',
];

describe('programme export: the parts of a 人才培养方案', () => {
  it('puts 专业名称与代码 … 毕业要求 around the course table, as headings, with the texts under them', async () => {
    const xml = await (await JSZip.loadAsync(await buildProgrammeDocx(doc, 'zh-CN'))).file('word/document.xml')!.async('string');
    const paragraphs = docxParagraphs(xml);
    const headings = paragraphs.filter((p) => p.style === 'Heading1' || p.style === 'Heading2');
    expect(headings.map((p) => p.text)).toEqual(zhParts);
    expect(headings.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['（一）素质', '（二）知识', '（三）能力']);

    /** The body paragraphs (outside tables) between one heading and the next. */
    const under = (title: string) => {
      const start = paragraphs.findIndex((p) => p.text === title);
      const end = paragraphs.findIndex((p, index) => index > start && (p.style === 'Heading1' || p.style === 'Heading2'));
      return paragraphs
        .slice(start + 1, end < 0 ? undefined : end)
        .filter((p) => !p.inTable && p.text !== '')
        .map((p) => p.text);
    };
    expect(under('一、专业名称与代码')).toEqual([
      '专业名称：钢铁智能冶金技术',
      '专业代码：430102',
      '所属专业群：智能冶金专业群（智能制造专业集群）',
      '适用年级：2025级',
    ]);
    expect(under('二、入学要求')).toEqual([doc.texts!.entryRequirements]);
    expect(under('三、修业年限')).toEqual([doc.texts!.studyDuration]);
    expect(under('四、培养目标')).toEqual([doc.texts!.objective]);
    // One paragraph per line of the text.
    expect(under('（一）素质')).toEqual(['（1）有情怀、擅合作、具素养；', '（2）具有绿色低碳与安全生产意识。']);
    expect(under('（二）知识')).toEqual([doc.texts!.knowledge]);
    expect(under('（三）能力')).toHaveLength(3);
    // 课程设置 holds the course table; 学时安排 the hours by layer with the total.
    const coursesAt = paragraphs.findIndex((p) => p.text === '六、课程设置');
    const hoursAt = paragraphs.findIndex((p) => p.text === '七、学时安排');
    const courseCell = paragraphs.findIndex((p) => p.inTable && p.text === '钢铁冶金工艺');
    expect(courseCell).toBeGreaterThan(coursesAt);
    expect(courseCell).toBeLessThan(hoursAt);
    expect(under('六、课程设置')[0]).toContain(`底层共享课程 ${metrics.sharedCourseCount} 门`);
    const hoursCells = paragraphs
      .slice(
        hoursAt,
        paragraphs.findIndex((p) => p.text === '八、毕业要求'),
      )
      .filter((p) => p.inTable);
    expect(hoursCells.map((p) => p.text)).toEqual(
      expect.arrayContaining(['底层共享', '中层分立', '高层互选', '合计', String(sums(items).totalHours)]),
    );
    // 毕业要求 left empty: the credits are stated from the programme's figures.
    expect(under('八、毕业要求')).toEqual(['修满本方案规定的 100 学分（其中跨群选修不少于 12 学分），方可毕业。']);

    // A part nobody wrote says so instead of vanishing.
    const bare = await JSZip.loadAsync(await buildProgrammeDocx({ ...doc, texts: undefined }, 'zh-CN'));
    const bareParagraphs = docxParagraphs(await bare.file('word/document.xml')!.async('string'));
    const objective = bareParagraphs.findIndex((p) => p.text === '四、培养目标');
    expect(bareParagraphs[objective + 1]!.text).toBe('（未填写）');
  });

  it('names the parts in English for the en locale', async () => {
    const xml = await (await JSZip.loadAsync(await buildProgrammeDocx(doc, 'en'))).file('word/document.xml')!.async('string');
    const headings = docxParagraphs(xml).filter((p) => p.style === 'Heading1' || p.style === 'Heading2');
    expect(headings.map((p) => p.text)).toEqual([
      '1 Major and code',
      '2 Entry requirements',
      '3 Length of study',
      '4 Training objective',
      '5 Graduate profile',
      '5.1 Qualities',
      '5.2 Knowledge',
      '5.3 Abilities',
      '6 Courses',
      '7 Hours',
      '8 Graduation requirements',
    ]);
  });
});

describe('programme export: LibreOffice', () => {
  it('converts both the xlsx and the docx to PDF', { timeout: 180_000 }, async () => {
    const soffice = sofficeBinary();
    expect(soffice, 'LibreOffice (soffice) is required: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui').not.toBeNull();
    const dir = tempDir();
    const profile = join(tempDir(), `lo-${randomUUID()}`);
    const xlsxPath = join(dir, 'programme-sheet.xlsx');
    const docxPath = join(dir, 'programme-document.docx');
    writeFileSync(xlsxPath, await buildProgrammeXlsx(doc, 'zh-CN'));
    writeFileSync(docxPath, await buildProgrammeDocx(doc, 'zh-CN'));
    const outDir = join(dir, 'pdf');

    // One invocation converts both; a fresh profile keeps parallel runs apart.
    await run(
      soffice!,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        xlsxPath,
        docxPath,
      ],
      150_000,
    );

    for (const name of ['programme-sheet.pdf', 'programme-document.pdf']) {
      const pdf = join(outDir, name);
      expect(existsSync(pdf), name).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(statSync(pdf).size).toBeGreaterThan(1024);
    }

    // LibreOffice reads the Word document as a 人才培养方案: its text holds every part in order, the course table inside 课程设置.
    const textDir = join(dir, 'text');
    await run(
      soffice!,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'txt:Text (encoded):UTF8',
        '--outdir',
        textDir,
        docxPath,
      ],
      150_000,
    );
    const text = readFileSync(join(textDir, 'programme-document.txt'), 'utf8');
    const positions = zhParts.map((part) => text.indexOf(part));
    expect(
      positions.every((position) => position >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const tableAt = text.indexOf('钢铁冶金工艺');
    expect(tableAt).toBeGreaterThan(text.indexOf('六、课程设置'));
    expect(tableAt).toBeLessThan(text.indexOf('七、学时安排'));
    expect(text).toContain(doc.texts!.objective!);
  });
});
