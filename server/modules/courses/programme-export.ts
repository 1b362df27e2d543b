/**
 * Export of a training programme (人才培养方案) as its 课程设置与学时分配表, in the layout colleges
 * file it in: .xlsx (exceljs) and .docx (docx). Both renderers read one neutral table model, so the
 * spreadsheet and the Word document always show the same rows, subtotals and figures.
 */
import type ExcelJS from 'exceljs';
import type { ProgrammeItem } from './programme-service.ts';
import { textsOf, type ProgrammeTexts } from './programme-texts.ts';
import { round1 } from '../../platform/numbers.ts';
import {
  assessmentLabels,
  courseLayerLabels,
  courseLayers,
  moduleTypeLabels,
  moduleTypes,
  type AssessmentType,
  type CourseLayer,
  type ProgrammeMetrics,
} from './rules.ts';

// exceljs and docx are large; loading them on first use keeps them off the server's start-up path.
const loadExcel = async () => (await import('exceljs')).default;
const loadDocx = async () => import('docx');

export type ExportLocale = 'zh-CN' | 'en';

export interface ProgrammeDocument {
  /** e.g. 钢铁智能冶金技术专业2025级人才培养方案 */
  title: string;
  institutionName: string;
  clusterName: string;
  groupName: string;
  majorCode: string;
  majorName: string;
  cohortYear: number;
  /** Already localised. */
  statusLabel: string;
  graduationCredits: number;
  electiveCreditsRequired: number;
  /** Usually 6. */
  termCount: number;
  items: ProgrammeItem[];
  metrics: ProgrammeMetrics;
  /** Group id → short name; a null owner is the cluster (集群共享). */
  ownerGroupNames: Record<number, string>;
  /** The document's text parts (入学要求 … 毕业要求) as written in the builder; missing ones print as not filled in. */
  texts?: Partial<ProgrammeTexts>;
}

// ---------------------------------------------------------------------------------------------
// Wording

const words = {
  'zh-CN': {
    caption: '课程设置与学时分配表',
    sheetName: '课程设置与学时分配表',
    layer: '课程层级',
    module: '课程模块',
    seq: '序号',
    code: '课程代码',
    name: '课程名称',
    owner: '开课单位',
    nature: '课程性质',
    credits: '学分',
    totalHours: '总学时',
    theoryHours: '理论学时',
    practiceHours: '实践学时',
    assessment: '考核方式',
    hoursGroup: '学时分配',
    termGroup: '各学期学时分配',
    term: (n: number) => `第${n}学期`,
    required: '必修',
    elective: '选修(跨群拓展)',
    clusterShared: '集群共享',
    subtotal: '小计',
    total: '合计',
    electiveNote: (required: string, offered: string) => `选修：须修满 ${required} 学分（可选 ${offered} 学分）`,
    info: (doc: ProgrammeDocument) =>
      [
        `院校：${doc.institutionName}`,
        `专业：${doc.majorCode} ${doc.majorName}`,
        `年级：${doc.cohortYear}级`,
        `专业集群：${doc.clusterName}`,
        `专业群：${doc.groupName}`,
        `状态：${doc.statusLabel}`,
        `毕业学分：${num(doc.graduationCredits)}`,
      ].join('　'),
    summary: '学分学时统计',
    totalCredits: '总学分',
    totalCreditsDetail: (required: string, elective: string) => `必修 ${required} + 选修 ${elective}`,
    sharedCourses: '底层共享课程',
    sharedCredits: '底层共享学分',
    coreCredits: '群核心学分（中层分立）',
    crossGroupCredits: '跨群拓展学分（高层互选）',
    practiceShare: '实践学时占比',
    practiceDetail: (practice: string, total: string) => `实践 ${practice} / 总 ${total} 学时，按必修课程计`,
    sharedFoundationRatio: '跨群共享通识、基础能力课程占比',
    sharedExtensionRatio: '跨群共享拓展课程占比',
    count: (n: number) => `${n} 门`,
    countFormat: '0"门"',
    parts: {
      major: '一、专业名称与代码',
      entry: '二、入学要求',
      duration: '三、修业年限',
      objective: '四、培养目标',
      profile: '五、培养规格',
      quality: '（一）素质',
      knowledge: '（二）知识',
      ability: '（三）能力',
      courses: '六、课程设置',
      hours: '七、学时安排',
      graduation: '八、毕业要求',
    },
    majorLines: (doc: ProgrammeDocument) => [
      `专业名称：${doc.majorName}`,
      `专业代码：${doc.majorCode}`,
      `所属专业群：${doc.groupName}（${doc.clusterName}）`,
      `适用年级：${doc.cohortYear}级`,
    ],
    profileIntro: '本专业毕业生应在素质、知识、能力等方面达到以下要求：',
    coursesIntro: (doc: ProgrammeDocument, m: ProgrammeMetrics) =>
      `课程体系按“底层共享、中层分立、高层互选”构建：底层共享课程 ${m.sharedCourseCount} 门 ${num(m.sharedCredits)} 学分，` +
      `群核心课程 ${num(m.coreCredits)} 学分，跨群拓展课程 ${num(m.crossGroupExtensionCredits)} 学分；跨群选修须修满 ` +
      `${num(doc.electiveCreditsRequired)} 学分。各课程的学分、学时与开设学期见下表。`,
    hoursIntro: (m: ProgrammeMetrics) =>
      `必修课程总学时 ${num(m.totalHours)}，其中实践学时 ${num(m.practiceHours)}，占 ${pct(m.practiceShare)}。各层级与各学期的学时安排如下。`,
    hoursLayer: '课程层级',
    hoursShare: '占总学时',
    hoursByTerm: '各学期学时',
    graduationLine: (doc: ProgrammeDocument) =>
      `修满本方案规定的 ${num(doc.graduationCredits)} 学分（其中跨群选修不少于 ${num(doc.electiveCreditsRequired)} 学分），方可毕业。`,
    notFilled: '（未填写）',
  },
  en: {
    caption: 'Courses and allocation of hours',
    sheetName: 'Courses and hours',
    layer: 'Layer',
    module: 'Module',
    seq: 'No.',
    code: 'Code',
    name: 'Course',
    owner: 'Offered by',
    nature: 'Type',
    credits: 'Credits',
    totalHours: 'Total hours',
    theoryHours: 'Theory hours',
    practiceHours: 'Practice hours',
    assessment: 'Assessment',
    hoursGroup: 'Hours',
    termGroup: 'Hours by term',
    term: (n: number) => `Term ${n}`,
    required: 'Required',
    elective: 'Elective (cross-group extension)',
    clusterShared: 'Cluster-shared',
    subtotal: 'Subtotal',
    total: 'Total',
    electiveNote: (required: string, offered: string) => `Electives: at least ${required} credits required (${offered} credits offered)`,
    info: (doc: ProgrammeDocument) =>
      [
        `Institution: ${doc.institutionName}`,
        `Major: ${doc.majorCode} ${doc.majorName}`,
        `Cohort: ${doc.cohortYear}`,
        `Cluster: ${doc.clusterName}`,
        `Group: ${doc.groupName}`,
        `Status: ${doc.statusLabel}`,
        `Graduation credits: ${num(doc.graduationCredits)}`,
      ].join('   '),
    summary: 'Credits and hours',
    totalCredits: 'Total credits',
    totalCreditsDetail: (required: string, elective: string) => `required ${required} + elective ${elective}`,
    sharedCourses: 'Shared-platform courses',
    sharedCredits: 'Shared-platform credits',
    coreCredits: 'Group core credits',
    crossGroupCredits: 'Cross-group extension credits',
    practiceShare: 'Practice share of hours',
    practiceDetail: (practice: string, total: string) => `practice ${practice} / total ${total} hours, required courses`,
    sharedFoundationRatio: 'Share of cross-group shared general and foundation courses',
    sharedExtensionRatio: 'Share of cross-group shared extension courses',
    count: (n: number) => `${n} courses`,
    countFormat: '0" courses"',
    parts: {
      major: '1 Major and code',
      entry: '2 Entry requirements',
      duration: '3 Length of study',
      objective: '4 Training objective',
      profile: '5 Graduate profile',
      quality: '5.1 Qualities',
      knowledge: '5.2 Knowledge',
      ability: '5.3 Abilities',
      courses: '6 Courses',
      hours: '7 Hours',
      graduation: '8 Graduation requirements',
    },
    majorLines: (doc: ProgrammeDocument) => [
      `Major: ${doc.majorName}`,
      `Code: ${doc.majorCode}`,
      `Group: ${doc.groupName} (${doc.clusterName})`,
      `Cohort: ${doc.cohortYear}`,
    ],
    profileIntro: 'Graduates meet the following requirements in qualities, knowledge and abilities:',
    coursesIntro: (doc: ProgrammeDocument, m: ProgrammeMetrics) =>
      `The courses follow "shared base, separate core, cross-group electives": ${m.sharedCourseCount} shared-platform courses ` +
      `(${num(m.sharedCredits)} credits), ${num(m.coreCredits)} group core credits and ${num(m.crossGroupExtensionCredits)} ` +
      `cross-group extension credits; at least ${num(doc.electiveCreditsRequired)} elective credits are required. ` +
      'The table gives each course with its credits, hours and term.',
    hoursIntro: (m: ProgrammeMetrics) =>
      `Required courses total ${num(m.totalHours)} hours, ${num(m.practiceHours)} of them practice (${pct(m.practiceShare)}). ` +
      'Hours by layer and by term:',
    hoursLayer: 'Layer',
    hoursShare: 'Share of hours',
    hoursByTerm: 'Hours by term',
    graduationLine: (doc: ProgrammeDocument) =>
      `Graduation requires the ${num(doc.graduationCredits)} credits of this programme, at least ` +
      `${num(doc.electiveCreditsRequired)} of them from cross-group electives.`,
    notFilled: '(not filled in)',
  },
} as const;

type Words = (typeof words)[ExportLocale];

/** A number as text without trailing zeros (2.5, 4, 0.5). */
const num = (value: number) => String(round1(value));
const pct = (ratio: number) => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;

/** A spreadsheet runs text starting with these as a formula; prefixing a quote keeps it text (course names come from users). */
export function escapeCellText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// ---------------------------------------------------------------------------------------------
// Neutral table model

/** Column indexes (0-based) of the fixed part; term columns follow from TERM0. */
const COL = {
  layer: 0,
  module: 1,
  seq: 2,
  code: 3,
  name: 4,
  owner: 5,
  nature: 6,
  credits: 7,
  totalHours: 8,
  theoryHours: 9,
  practiceHours: 10,
  assessment: 11,
} as const;
const TERM0 = 12;
/** Widths in spreadsheet characters; the Word table uses them as proportions. */
const fixedWidths = [9, 13, 5, 10, 26, 12, 12, 6, 7, 7, 7, 7];
const termWidth = 7;
/** Word prints on a narrower page than a spreadsheet scales to: names get less room, terms more. */
const docxFixedWeights = [8, 11, 4, 9, 21, 9, 11, 5, 6, 6, 6, 6];
const docxTermWeight = 7.5;

export interface Sums {
  credits: number;
  totalHours: number;
  theoryHours: number;
  practiceHours: number;
  byTerm: number[];
}

interface CourseLine {
  item: ProgrammeItem;
  seq: number;
  moduleLabel: string;
  /** All cells of the row, in column order. */
  cells: (string | number | null)[];
}

interface LayerBlock {
  layer: CourseLayer;
  label: string;
  lines: CourseLine[];
  /** Runs of consecutive lines with the same module (merged in the module column). */
  moduleRuns: { start: number; length: number; label: string }[];
  subtotal: Sums;
  /** Set when the layer holds elective options. */
  electiveNote: string | null;
}

interface SummaryEntry {
  label: string;
  value: number;
  kind: 'number' | 'count' | 'percent';
  detail?: string;
}

interface ProgrammeTable {
  w: Words;
  termCount: number;
  columnCount: number;
  widths: number[];
  /** Upper header row: [text, first column, span]; a span of 1 with no lower text is merged down. */
  headerGroups: { text: string; first: number; span: number }[];
  /** Leaf header of every column. */
  headers: string[];
  blocks: LayerBlock[];
  total: Sums;
  summary: SummaryEntry[];
}

const moduleOrder = (moduleType: string) => {
  const index = (moduleTypes as readonly string[]).indexOf(moduleType);
  return index < 0 ? moduleTypes.length : index;
};

const compareItems = (a: ProgrammeItem, b: ProgrammeItem) =>
  Number(a.isElective) - Number(b.isElective) ||
  moduleOrder(a.moduleType) - moduleOrder(b.moduleType) ||
  a.termNo - b.termNo ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function emptySums(termCount: number): Sums {
  return { credits: 0, totalHours: 0, theoryHours: 0, practiceHours: 0, byTerm: Array.from({ length: termCount }, () => 0) };
}

function addTo(sums: Sums, item: ProgrammeItem) {
  const hours = item.theoryHours + item.practiceHours;
  sums.credits = round1(sums.credits + item.credits);
  sums.theoryHours += item.theoryHours;
  sums.practiceHours += item.practiceHours;
  sums.totalHours += hours;
  if (item.termNo >= 1 && item.termNo <= sums.byTerm.length) sums.byTerm[item.termNo - 1] += hours;
}

/** Rows, subtotals and summary of the export, in display order. Exported for tests and other renderers. */
export function programmeTable(doc: ProgrammeDocument, locale: ExportLocale): ProgrammeTable {
  const w = words[locale];
  const termCount = Math.max(1, Math.floor(doc.termCount) || 6);
  const columnCount = TERM0 + termCount;
  const headers = [
    w.layer,
    w.module,
    w.seq,
    w.code,
    w.name,
    w.owner,
    w.nature,
    w.credits,
    w.totalHours,
    w.theoryHours,
    w.practiceHours,
    w.assessment,
    ...Array.from({ length: termCount }, (_, index) => w.term(index + 1)),
  ];
  const headerGroups = [
    ...headers.slice(0, COL.totalHours).map((text, first) => ({ text, first, span: 1 })),
    { text: w.hoursGroup, first: COL.totalHours, span: 3 },
    { text: w.assessment, first: COL.assessment, span: 1 },
    { text: w.termGroup, first: TERM0, span: termCount },
  ];

  const owner = (groupId: number | null) => (groupId === null ? w.clusterShared : (doc.ownerGroupNames[groupId] ?? `#${groupId}`));
  const total = emptySums(termCount);
  const blocks: LayerBlock[] = [];
  let seq = 0;
  for (const layer of courseLayers) {
    const items = doc.items.filter((item) => item.layer === layer).sort(compareItems);
    if (items.length === 0) continue;
    const subtotal = emptySums(termCount);
    let electiveOffered = 0;
    const lines = items.map((item): CourseLine => {
      seq += 1;
      if (item.isElective) electiveOffered = round1(electiveOffered + item.credits);
      else {
        addTo(subtotal, item);
        addTo(total, item);
      }
      const moduleLabel = moduleTypeLabels[item.moduleType]?.[locale] ?? item.moduleType;
      const hours = item.theoryHours + item.practiceHours;
      const terms = Array.from({ length: termCount }, (_, index): number | null => (item.termNo === index + 1 ? hours : null));
      return {
        item,
        seq,
        moduleLabel,
        cells: [
          courseLayerLabels[layer][locale],
          moduleLabel,
          seq,
          item.code,
          locale === 'en' && item.nameEn ? item.nameEn : item.name,
          owner(item.ownerGroupId),
          item.isElective ? w.elective : w.required,
          item.credits,
          hours,
          item.theoryHours,
          item.practiceHours,
          assessmentLabels[item.assessment as AssessmentType]?.[locale] ?? item.assessment,
          ...terms,
        ],
      };
    });
    const moduleRuns: LayerBlock['moduleRuns'] = [];
    lines.forEach((line, index) => {
      const last = moduleRuns[moduleRuns.length - 1];
      if (last && last.label === line.moduleLabel) last.length += 1;
      else moduleRuns.push({ start: index, length: 1, label: line.moduleLabel });
    });
    blocks.push({
      layer,
      label: courseLayerLabels[layer][locale],
      lines,
      moduleRuns,
      subtotal,
      electiveNote: items.some((item) => item.isElective) ? w.electiveNote(num(doc.electiveCreditsRequired), num(electiveOffered)) : null,
    });
  }

  const m = doc.metrics;
  const electiveCounted = round1(m.totalCredits - m.requiredCredits);
  const summary: SummaryEntry[] = [
    {
      label: w.totalCredits,
      value: m.totalCredits,
      kind: 'number',
      detail: w.totalCreditsDetail(num(m.requiredCredits), num(electiveCounted)),
    },
    { label: w.sharedCourses, value: m.sharedCourseCount, kind: 'count' },
    { label: w.sharedCredits, value: m.sharedCredits, kind: 'number' },
    { label: w.coreCredits, value: m.coreCredits, kind: 'number' },
    { label: w.crossGroupCredits, value: m.crossGroupExtensionCredits, kind: 'number' },
    { label: w.practiceShare, value: m.practiceShare, kind: 'percent', detail: w.practiceDetail(num(m.practiceHours), num(m.totalHours)) },
    { label: w.sharedFoundationRatio, value: m.sharedFoundationRatio, kind: 'percent' },
    { label: w.sharedExtensionRatio, value: m.sharedExtensionRatio, kind: 'percent' },
  ];

  return {
    w,
    termCount,
    columnCount,
    headers,
    headerGroups,
    blocks,
    total,
    summary,
    widths: [...fixedWidths, ...Array.from({ length: termCount }, () => termWidth)],
  };
}

/** The numeric cells of a subtotal / total row (credits … practice hours, then the terms); assessment stays blank. */
function sumCells(sums: Sums): Map<number, number> {
  const cells = new Map<number, number>([
    [COL.credits, sums.credits],
    [COL.totalHours, sums.totalHours],
    [COL.theoryHours, sums.theoryHours],
    [COL.practiceHours, sums.practiceHours],
  ]);
  sums.byTerm.forEach((hours, index) => cells.set(TERM0 + index, hours));
  return cells;
}

const summaryText = (entry: SummaryEntry, w: Words) =>
  (entry.kind === 'percent' ? pct(entry.value) : entry.kind === 'count' ? w.count(entry.value) : num(entry.value)) +
  (entry.detail ? (w === words.en ? ` (${entry.detail})` : `（${entry.detail}）`) : '');

// ---------------------------------------------------------------------------------------------
// .xlsx

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const subtotalFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const totalFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };

export async function buildProgrammeXlsx(doc: ProgrammeDocument, locale: ExportLocale): Promise<Buffer> {
  const table = programmeTable(doc, locale);
  const { w, columnCount } = table;
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Sitong 四通';
  workbook.title = doc.title;
  const sheet = workbook.addWorksheet(w.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: locale === 'en' ? 'Page &P of &N' : '第 &P 页，共 &N 页' },
  });
  sheet.columns = table.widths.map((width) => ({ width }));

  /** Writes one cell; text is formula-escaped, numbers stay numbers. */
  const put = (rowNo: number, col: number, value: string | number | null, style: Partial<ExcelJS.Style> = {}) => {
    const cell = sheet.getCell(rowNo, col + 1);
    cell.value = typeof value === 'string' ? escapeCellText(value) : value;
    if (style.font) cell.font = style.font;
    if (style.alignment) cell.alignment = style.alignment;
    if (style.fill) cell.fill = style.fill;
    if (style.numFmt) cell.numFmt = style.numFmt;
    if (style.border) cell.border = style.border;
    return cell;
  };
  const fontName = locale === 'en' ? 'Arial' : '宋体';
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: fontName, size: 10, ...extra });
  const center: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const left: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
  const merge = (top: number, leftCol: number, bottom: number, rightCol: number) => {
    if (top !== bottom || leftCol !== rightCol) sheet.mergeCells(top, leftCol + 1, bottom, rightCol + 1);
  };

  // Title, information line, caption.
  put(1, 0, doc.title, { font: font({ size: 16, bold: true, name: locale === 'en' ? fontName : '黑体' }), alignment: center });
  merge(1, 0, 1, columnCount - 1);
  sheet.getRow(1).height = 30;
  put(2, 0, w.info(doc), { font: font(), alignment: left });
  merge(2, 0, 2, columnCount - 1);
  sheet.getRow(2).height = 20;
  put(3, 0, w.caption, { font: font({ size: 12, bold: true }), alignment: center });
  merge(3, 0, 3, columnCount - 1);
  sheet.getRow(3).height = 22;

  // Two header rows: groups above, leaves below; ungrouped headers span both rows.
  const headTop = 4;
  const headBottom = 5;
  const headerStyle = { font: font({ bold: true }), alignment: center, fill: headerFill, border: thin };
  for (const group of table.headerGroups) {
    put(headTop, group.first, group.text, headerStyle);
    if (group.span === 1) {
      put(headBottom, group.first, null, headerStyle);
      merge(headTop, group.first, headBottom, group.first);
    } else {
      for (let col = group.first; col < group.first + group.span; col += 1) put(headBottom, col, table.headers[col]!, headerStyle);
      merge(headTop, group.first, headTop, group.first + group.span - 1);
    }
  }
  for (let col = 0; col < columnCount; col += 1) {
    // Border the merged-away cells of the upper header row as well.
    sheet.getCell(headTop, col + 1).border = thin;
  }
  sheet.getRow(headTop).height = 22;
  sheet.getRow(headBottom).height = 22;

  let rowNo = headBottom + 1;
  const bodyStyle = (col: number): Partial<ExcelJS.Style> => ({
    font: font(),
    border: thin,
    alignment: col === COL.name ? left : center,
  });
  for (const block of table.blocks) {
    const blockStart = rowNo;
    for (const line of block.lines) {
      line.cells.forEach((value, col) => put(rowNo, col, value, bodyStyle(col)));
      rowNo += 1;
    }
    for (const run of block.moduleRuns) merge(blockStart + run.start, COL.module, blockStart + run.start + run.length - 1, COL.module);

    const subtotalStyle = { font: font({ bold: true }), border: thin, alignment: center, fill: subtotalFill };
    for (let col = 0; col < columnCount; col += 1) put(rowNo, col, null, subtotalStyle);
    put(rowNo, COL.module, w.subtotal, subtotalStyle);
    merge(rowNo, COL.module, rowNo, COL.nature);
    for (const [col, value] of sumCells(block.subtotal)) put(rowNo, col, value, subtotalStyle);
    rowNo += 1;
    if (block.electiveNote) {
      for (let col = 0; col < columnCount; col += 1) put(rowNo, col, null, { font: font(), border: thin, alignment: left });
      put(rowNo, COL.module, block.electiveNote, { font: font(), border: thin, alignment: left });
      merge(rowNo, COL.module, rowNo, columnCount - 1);
      rowNo += 1;
    }
    // The layer label spans its courses, subtotal and note.
    put(blockStart, COL.layer, block.label, { font: font({ bold: true }), border: thin, alignment: center });
    merge(blockStart, COL.layer, rowNo - 1, COL.layer);
  }

  const totalStyle = { font: font({ bold: true }), border: thin, alignment: center, fill: totalFill };
  for (let col = 0; col < columnCount; col += 1) put(rowNo, col, null, totalStyle);
  put(rowNo, COL.layer, w.total, totalStyle);
  merge(rowNo, COL.layer, rowNo, COL.nature);
  for (const [col, value] of sumCells(table.total)) put(rowNo, col, value, totalStyle);
  sheet.getRow(rowNo).height = 20;
  rowNo += 2;

  // Summary block: label (A–D), value as a number (E), detail (F–end).
  put(rowNo, 0, w.summary, { font: font({ size: 12, bold: true }), alignment: left });
  merge(rowNo, 0, rowNo, columnCount - 1);
  rowNo += 1;
  for (const entry of table.summary) {
    const labelStyle = { font: font({ bold: true }), border: thin, alignment: left, fill: headerFill };
    for (let col = 0; col <= COL.code; col += 1) put(rowNo, col, null, labelStyle);
    put(rowNo, 0, entry.label, labelStyle);
    merge(rowNo, 0, rowNo, COL.code);
    put(rowNo, COL.name, entry.value, {
      font: font(),
      border: thin,
      alignment: { horizontal: 'center', vertical: 'middle' },
      numFmt: entry.kind === 'percent' ? '0.0%' : entry.kind === 'count' ? w.countFormat : undefined,
    });
    for (let col: number = COL.owner; col < columnCount; col += 1) put(rowNo, col, null, { border: thin });
    put(rowNo, COL.owner, entry.detail ?? null, { font: font(), border: thin, alignment: left });
    merge(rowNo, COL.owner, rowNo, columnCount - 1);
    rowNo += 1;
  }

  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headBottom, topLeftCell: `A${headBottom + 1}`, activeCell: `A${headBottom + 1}` }];
  sheet.pageSetup.printTitlesRow = `${headTop}:${headBottom}`;
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(columnCount).letter}${rowNo - 1}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// .docx

/** A4 in twips (portrait numbers; docx swaps them for landscape). */
const A4 = { width: 11906, height: 16838 };
const pageMargin = 720;
/** The text parts print on portrait A4 with the usual 2.54 cm / 1 inch margins. */
const portraitMargin = 1440;

export async function buildProgrammeDocx(doc: ProgrammeDocument, locale: ExportLocale): Promise<Buffer> {
  const table = programmeTable(doc, locale);
  const { w, columnCount } = table;
  const d = await loadDocx();
  const {
    AlignmentType,
    Document,
    HeadingLevel,
    Packer,
    PageOrientation,
    Paragraph,
    ShadingType,
    Table,
    TableCell,
    TableLayoutType,
    TableRow,
    TextRun,
    VerticalAlignTable,
    VerticalMergeType,
    WidthType,
  } = d;

  const bodyFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' };
  const titleFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimHei' };
  const run = (text: string, options: { bold?: boolean; size?: number; title?: boolean } = {}) =>
    new TextRun({ text, bold: options.bold, size: options.size ?? 18, font: options.title ? titleFont : bodyFont });
  const para = (
    text: string,
    options: { bold?: boolean; size?: number; title?: boolean; align?: 'center' | 'left'; after?: number } = {},
  ) =>
    new Paragraph({
      alignment: options.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
      spacing: { before: 0, after: options.after ?? 0 },
      children: text === '' ? [] : [run(text, options)],
    });

  // Column widths: the spreadsheet widths scaled to the printable width of landscape A4.
  const usable = A4.height - 2 * pageMargin;
  const weights = [...docxFixedWeights, ...Array.from({ length: table.termCount }, () => docxTermWeight)];
  const weight = weights.reduce((sum, width) => sum + width, 0);
  const twips = weights.map((width) => Math.floor((width / weight) * usable));
  const spanWidth = (first: number, span: number) => twips.slice(first, first + span).reduce((sum, width) => sum + width, 0);

  type CellOptions = {
    span?: number;
    merge?: 'restart' | 'continue';
    bold?: boolean;
    align?: 'center' | 'left';
    fill?: string;
  };
  const cell = (first: number, text: string, options: CellOptions = {}) =>
    new TableCell({
      children: [para(text, { bold: options.bold, align: options.align, size: 16 })],
      columnSpan: options.span && options.span > 1 ? options.span : undefined,
      verticalMerge:
        options.merge === 'restart' ? VerticalMergeType.RESTART : options.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
      width: { size: spanWidth(first, options.span ?? 1), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 20, bottom: 20, left: 30, right: 30 },
      shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
    });
  const text = (value: string | number | null) => (value === null ? '' : typeof value === 'number' ? num(value) : value);

  const rows: InstanceType<typeof TableRow>[] = [];
  // Header: upper row with groups (single headers merged down), lower row with the leaves; both repeat on every page.
  const head = { bold: true, fill: 'DDEBF7' };
  rows.push(
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: table.headerGroups.map((group) =>
        cell(group.first, group.text, { ...head, span: group.span, merge: group.span === 1 ? 'restart' : undefined }),
      ),
    }),
  );
  rows.push(
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: table.headerGroups.flatMap((group) =>
        group.span === 1
          ? [cell(group.first, '', { ...head, merge: 'continue' })]
          : Array.from({ length: group.span }, (_, offset) => cell(group.first + offset, table.headers[group.first + offset]!, head)),
      ),
    }),
  );

  for (const block of table.blocks) {
    const runStarts = new Map(block.moduleRuns.map((moduleRun) => [moduleRun.start, moduleRun]));
    const inRun = new Set<number>();
    for (const moduleRun of block.moduleRuns)
      for (let index = moduleRun.start + 1; index < moduleRun.start + moduleRun.length; index += 1) inRun.add(index);
    block.lines.forEach((line, index) => {
      const children: InstanceType<typeof TableCell>[] = [];
      children.push(
        index === 0 ? cell(COL.layer, block.label, { bold: true, merge: 'restart' }) : cell(COL.layer, '', { merge: 'continue' }),
      );
      const moduleRun = runStarts.get(index);
      children.push(
        moduleRun
          ? cell(COL.module, line.moduleLabel, { merge: moduleRun.length > 1 ? 'restart' : undefined })
          : cell(COL.module, '', { merge: inRun.has(index) ? 'continue' : undefined }),
      );
      for (let col: number = COL.seq; col < columnCount; col += 1) {
        children.push(cell(col, text(line.cells[col] ?? null), { align: col === COL.name ? 'left' : 'center' }));
      }
      rows.push(new TableRow({ cantSplit: true, children }));
    });
    const sums = sumCells(block.subtotal);
    const subtotal = { bold: true, fill: 'F2F2F2' };
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(COL.layer, '', { merge: 'continue' }),
          cell(COL.module, w.subtotal, { ...subtotal, span: COL.nature - COL.module + 1 }),
          ...Array.from({ length: columnCount - COL.credits }, (_, offset) => {
            const col = COL.credits + offset;
            return cell(col, sums.has(col) ? num(sums.get(col)!) : '', subtotal);
          }),
        ],
      }),
    );
    if (block.electiveNote) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell(COL.layer, '', { merge: 'continue' }),
            cell(COL.module, block.electiveNote, { align: 'left', span: columnCount - COL.module }),
          ],
        }),
      );
    }
  }
  const totals = sumCells(table.total);
  const total = { bold: true, fill: 'E2EFDA' };
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [
        cell(COL.layer, w.total, { ...total, span: COL.nature + 1 }),
        ...Array.from({ length: columnCount - COL.credits }, (_, offset) => {
          const col = COL.credits + offset;
          return cell(col, totals.has(col) ? num(totals.get(col)!) : '', total);
        }),
      ],
    }),
  );

  const courseTable = new Table({
    rows,
    width: { size: usable, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
  });

  // Summary (学分学时统计) as a two-column table in 学时安排.
  const summaryWidths = [Math.floor((A4.width - 2 * portraitMargin) * 0.45), Math.floor((A4.width - 2 * portraitMargin) * 0.55)];
  const summaryTable = new Table({
    width: { size: summaryWidths[0]! + summaryWidths[1]!, type: WidthType.DXA },
    columnWidths: summaryWidths,
    layout: TableLayoutType.FIXED,
    rows: table.summary.map(
      (entry) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: summaryWidths[0]!, type: WidthType.DXA },
              margins: { top: 20, bottom: 20, left: 80, right: 80 },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DDEBF7' },
              children: [para(entry.label, { bold: true, align: 'left' })],
            }),
            new TableCell({
              width: { size: summaryWidths[1]!, type: WidthType.DXA },
              margins: { top: 20, bottom: 20, left: 80, right: 80 },
              children: [para(summaryText(entry, w), { align: 'left' })],
            }),
          ],
        }),
    ),
  });

  // 学时安排: each layer's required credits and hours with its share, the total, and the hours of every term.
  const hoursHeaders = [w.hoursLayer, w.credits, w.totalHours, w.theoryHours, w.practiceHours, w.hoursShare];
  const portraitUsable = A4.width - 2 * portraitMargin;
  const hoursWidths = [0.3, 0.12, 0.14, 0.14, 0.14, 0.16].map((share) => Math.floor(share * portraitUsable));
  const hoursCell = (text: string, index: number, options: { bold?: boolean; fill?: string } = {}) =>
    new TableCell({
      width: { size: hoursWidths[index]!, type: WidthType.DXA },
      margins: { top: 20, bottom: 20, left: 60, right: 60 },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
      children: [para(text, { bold: options.bold, align: index === 0 ? 'left' : 'center' })],
    });
  const hoursLine = (label: string, sums: Sums, options: { bold?: boolean; fill?: string } = {}) =>
    new TableRow({
      cantSplit: true,
      children: [
        label,
        num(sums.credits),
        num(sums.totalHours),
        num(sums.theoryHours),
        num(sums.practiceHours),
        table.total.totalHours > 0 ? pct(sums.totalHours / table.total.totalHours) : '—',
      ].map((value, index) => hoursCell(value, index, options)),
    });
  const hoursTable = new Table({
    width: { size: hoursWidths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: hoursWidths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: hoursHeaders.map((text, index) => hoursCell(text, index, { bold: true, fill: 'DDEBF7' })),
      }),
      ...table.blocks.map((block) => hoursLine(block.label, block.subtotal)),
      hoursLine(w.total, table.total, { bold: true, fill: 'E2EFDA' }),
    ],
  });
  const termHours = table.total.byTerm.map((hours, index) => `${w.term(index + 1)} ${num(hours)}`).join(locale === 'en' ? '; ' : '；');

  // The text parts: one paragraph per line, indented as Chinese body text is; a part left empty says so.
  const bodyText = (value: string | undefined) => {
    const lines = (value ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (lines.length === 0)
      return [
        new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: w.notFilled, italics: true, color: '808080', size: 21 })] }),
      ];
    return lines.map(
      (line) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 60, line: 360 },
          indent: locale === 'en' ? undefined : { firstLine: 420 },
          children: [new TextRun({ text: line, size: 21, font: bodyFont })],
        }),
    );
  };
  const heading = (text: string, level: 1 | 2 = 1) =>
    new Paragraph({
      heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      spacing: { before: level === 1 ? 240 : 120, after: 120 },
      children: [new TextRun({ text, bold: true, size: level === 1 ? 28 : 24, font: titleFont, color: '000000' })],
    });
  const texts = textsOf(doc.texts);
  const portrait = {
    page: {
      size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
      margin: { top: portraitMargin, bottom: portraitMargin, left: portraitMargin, right: portraitMargin },
    },
  };

  const document = new Document({
    creator: 'Sitong 四通',
    title: doc.title,
    description: w.caption,
    styles: { default: { document: { run: { font: bodyFont, size: 18 } } } },
    sections: [
      {
        // 一 to 五: the text parts, portrait.
        properties: portrait,
        children: [
          para(doc.title, { bold: true, size: 36, title: true, after: 120 }),
          para(w.info(doc), { align: 'left', after: 200 }),
          heading(w.parts.major),
          ...bodyText(w.majorLines(doc).join('\n')),
          heading(w.parts.entry),
          ...bodyText(texts.entryRequirements),
          heading(w.parts.duration),
          ...bodyText(texts.studyDuration),
          heading(w.parts.objective),
          ...bodyText(texts.objective),
          heading(w.parts.profile),
          ...bodyText(w.profileIntro),
          heading(w.parts.quality, 2),
          ...bodyText(texts.quality),
          heading(w.parts.knowledge, 2),
          ...bodyText(texts.knowledge),
          heading(w.parts.ability, 2),
          ...bodyText(texts.ability),
        ],
      },
      {
        // 六 课程设置: the course table, landscape.
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: pageMargin, bottom: pageMargin, left: pageMargin, right: pageMargin },
          },
        },
        children: [
          heading(w.parts.courses),
          ...bodyText(w.coursesIntro(doc, doc.metrics)),
          para(w.caption, { bold: true, size: 24, after: 80 }),
          courseTable,
        ],
      },
      {
        // 七 学时安排 and 八 毕业要求, portrait again.
        properties: portrait,
        children: [
          heading(w.parts.hours),
          ...bodyText(w.hoursIntro(doc.metrics)),
          hoursTable,
          para('', { after: 60 }),
          ...bodyText(`${w.hoursByTerm}${locale === 'en' ? ': ' : '：'}${termHours}`),
          para(w.summary, { bold: true, size: 22, align: 'left', after: 60 }),
          summaryTable,
          heading(w.parts.graduation),
          ...bodyText(w.graduationLine(doc)),
          ...(texts.graduationRequirements.trim() === '' ? [] : bodyText(texts.graduationRequirements)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
