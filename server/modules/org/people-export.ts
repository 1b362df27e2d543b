/**
 * The student and teacher lists as .xlsx: the rows of the list's filter (every page), with the columns the
 * list shows, ID numbers and phones masked as on the screen. Built by the platform's export helper.
 */
import type { ImportColumn } from '../../platform/imports/definition.ts';
import { buildExportWorkbook, type SheetShape } from '../../platform/imports/spreadsheet.ts';
import type { Locale } from '../../platform/messages.ts';
import { teacherStatusLabels } from './rules.ts';

const column = (
  key: string,
  zh: string,
  en: string,
  options: Partial<Pick<ImportColumn, 'kind' | 'choices' | 'digitsAsText' | 'width'>> = {},
): ImportColumn => ({ key, header: { 'zh-CN': zh, en }, required: false, kind: 'text', example: '', ...options });

const genderChoices = [
  { value: 'M', label: { 'zh-CN': '男', en: 'Male' } },
  { value: 'F', label: { 'zh-CN': '女', en: 'Female' } },
];

const studentStatusChoices = [
  { value: 'enrolled', label: { 'zh-CN': '在读', en: 'Enrolled' } },
  { value: 'suspended', label: { 'zh-CN': '休学', en: 'Suspended' } },
  { value: 'graduated', label: { 'zh-CN': '毕业', en: 'Graduated' } },
  { value: 'withdrawn', label: { 'zh-CN': '退学', en: 'Withdrawn' } },
];

const studentSheet: SheetShape = {
  title: { 'zh-CN': '学生名册', en: 'Students' },
  keyColumn: 'studentNo',
  maxRows: 50_000,
  updates: false,
  columns: [
    column('studentNo', '学号', 'Student no.', { digitsAsText: true, width: 18 }),
    column('name', '姓名', 'Name'),
    column('gender', '性别', 'Gender', { kind: 'choice', choices: genderChoices, width: 8 }),
    column('cohortYear', '年级', 'Cohort', { kind: 'integer', width: 8 }),
    column('majorCode', '专业代码', 'Major code', { digitsAsText: true }),
    column('majorName', '专业名称', 'Major', { width: 24 }),
    column('className', '班级', 'Class', { width: 28 }),
    column('status', '学籍状态', 'Status', { kind: 'choice', choices: studentStatusChoices }),
    column('idNumber', '身份证号（脱敏）', 'ID number (masked)', { digitsAsText: true, width: 22 }),
    column('phone', '手机号（脱敏）', 'Phone (masked)', { digitsAsText: true, width: 16 }),
  ],
};

const teacherSheet: SheetShape = {
  title: { 'zh-CN': '教师名册', en: 'Teachers' },
  keyColumn: 'staffNo',
  maxRows: 50_000,
  updates: false,
  columns: [
    column('staffNo', '工号', 'Staff no.', { digitsAsText: true }),
    column('name', '姓名', 'Name'),
    column('gender', '性别', 'Gender', { kind: 'choice', choices: genderChoices, width: 8 }),
    column('title', '职称', 'Title'),
    column('isDualQualified', '双师型', 'Dual-qualified', { kind: 'boolean', width: 10 }),
    column('departmentName', '系部', 'Department', { width: 18 }),
    column('homeGroupName', '所属专业群', 'Home group', { width: 22 }),
    column('status', '状态', 'Status', {
      kind: 'choice',
      choices: Object.entries(teacherStatusLabels).map(([value, label]) => ({ value, label })),
    }),
    column('idNumber', '身份证号（脱敏）', 'ID number (masked)', { digitsAsText: true, width: 22 }),
    column('phone', '手机号（脱敏）', 'Phone (masked)', { digitsAsText: true, width: 16 }),
  ],
};

/** At most this many rows in one list export: a narrower filter beyond it. */
export const listExportLimit = 50_000;

type Cell = string | number | boolean | null;

export function studentListWorkbook(rows: Array<Record<string, Cell>>, locale: Locale) {
  return buildExportWorkbook(studentSheet, rows, locale);
}

export function teacherListWorkbook(rows: Array<Record<string, Cell>>, locale: Locale) {
  return buildExportWorkbook(teacherSheet, rows, locale);
}

/** The file's name: the list's title and the day, e.g. 学生名册-2026-03-01.xlsx. */
export function listFileName(kind: 'students' | 'teachers', locale: Locale, today = new Date()) {
  const title = (kind === 'students' ? studentSheet : teacherSheet).title[locale];
  return `${title}-${today.toISOString().slice(0, 10)}.xlsx`;
}
