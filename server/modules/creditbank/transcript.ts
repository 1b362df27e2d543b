/**
 * The credit transcript (学分成绩单): every outcome standing in a student's ledger — courses with their
 * grade and term, certificates with their level, competition awards, exempted courses — with the
 * credits its grant gave. The student's page and the PDF export read the same rows.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { LocalizedText } from '../../platform/messages.ts';
import { coursesByIds, fiveLevels, gradesOfEarnedCredits, passFailLevels } from '../courses/read.ts';
import { termsOfInstitution } from '../org/read.ts';
import {
  certificateLevelLabels,
  competitionLevelLabels,
  prizeLabels,
  type CertificateLevel,
  type CompetitionLevel,
  type LedgerCategory,
  type OutcomeKind,
  type Prize,
} from './rules.ts';
import { certificates, competitions, learningOutcomes, ledgerEntries } from './schema.ts';

export interface TranscriptRow {
  outcomeId: number;
  kind: OutcomeKind;
  category: LedgerCategory;
  /** 课程代码 / 证书代码 / 赛项代码. */
  code: string | null;
  name: LocalizedText;
  /** The term a course was taken in ("2024-2025 学年第 1 学期"). */
  term: LocalizedText | null;
  termCode: string | null;
  /** 成绩 / 等级: a course's score or grade level, a certificate's level, an award's level and prize. */
  result: LocalizedText | null;
  credits: number;
  grantedAt: Date;
  /** For an exemption: the course it exempts. */
  exempts: LocalizedText | null;
}

const both = (zh: string, en?: string | null): LocalizedText => ({ 'zh-CN': zh, en: en || zh });
const gradeLevelLabels = new Map<string, LocalizedText>(
  [...fiveLevels, ...passFailLevels].map((level) => [level.value, level.label as LocalizedText]),
);

export function termLabel(term: { academicYear: string; termNo: number }): LocalizedText {
  return { 'zh-CN': `${term.academicYear}学年第${term.termNo}学期`, en: `${term.academicYear}, term ${term.termNo}` };
}

/**
 * A student's transcript: granted outcomes that were not reversed, courses first by term and code,
 * then certificates, competitions and exemptions in the order they were granted.
 */
export async function transcriptOf(db: Db, student: { id: number; institutionId: number }): Promise<TranscriptRow[]> {
  const [outcomes, entries] = await Promise.all([
    db
      .select()
      .from(learningOutcomes)
      .where(and(eq(learningOutcomes.studentId, student.id), eq(learningOutcomes.status, 'granted')))
      .orderBy(asc(learningOutcomes.id)),
    db.select().from(ledgerEntries).where(eq(ledgerEntries.studentId, student.id)).orderBy(asc(ledgerEntries.seq)),
  ]);
  const grants = new Map(entries.filter((entry) => entry.kind === 'grant').map((entry) => [entry.outcomeId, entry]));
  const reversed = new Set(entries.filter((entry) => entry.kind === 'reversal').map((entry) => entry.outcomeId));
  const standing = outcomes.filter((outcome) => grants.has(outcome.id) && !reversed.has(outcome.id));
  const ids = (pick: (outcome: (typeof standing)[number]) => number | null) => [
    ...new Set(standing.map(pick).filter((id): id is number => id !== null)),
  ];
  const courseIds = [
    ...new Set([
      ...ids((outcome) => outcome.courseId),
      ...standing.map((outcome) => grants.get(outcome.id)!.exemptedCourseId).filter((id): id is number => id !== null),
    ]),
  ];
  const [courseRows, gradeRows, certificateRows, competitionRows, termRows] = await Promise.all([
    coursesByIds(db, courseIds),
    gradesOfEarnedCredits(
      db,
      ids((outcome) => outcome.earnedCreditId),
    ),
    ids((outcome) => outcome.certificateId).length
      ? db
          .select()
          .from(certificates)
          .where(
            inArray(
              certificates.id,
              ids((outcome) => outcome.certificateId),
            ),
          )
      : [],
    ids((outcome) => outcome.competitionId).length
      ? db
          .select()
          .from(competitions)
          .where(
            inArray(
              competitions.id,
              ids((outcome) => outcome.competitionId),
            ),
          )
      : [],
    termsOfInstitution(db, student.institutionId),
  ]);
  const coursesById = new Map(courseRows.map((row) => [row.id, row]));
  const gradesByEarned = new Map(gradeRows.map((row) => [row.earnedCreditId, row]));
  const certificatesById = new Map(certificateRows.map((row) => [row.id, row]));
  const competitionsById = new Map(competitionRows.map((row) => [row.id, row]));
  const termsById = new Map(termRows.map((row) => [row.id, row]));

  const rows = standing.map((outcome): TranscriptRow => {
    const grant = grants.get(outcome.id)!;
    const base = {
      outcomeId: outcome.id,
      kind: outcome.kind as OutcomeKind,
      category: grant.category as LedgerCategory,
      credits: grant.credits,
      grantedAt: grant.recordedAt,
      term: null,
      termCode: null,
      exempts: null,
    };
    if (outcome.kind === 'course_credit') {
      const course = coursesById.get(outcome.courseId!);
      const grade = outcome.earnedCreditId ? gradesByEarned.get(outcome.earnedCreditId) : undefined;
      const term = grade ? termsById.get(grade.termId) : undefined;
      const result =
        grade?.score !== null && grade?.score !== undefined
          ? both(String(grade.score))
          : grade?.level
            ? (gradeLevelLabels.get(grade.level) ?? both(grade.level))
            : null;
      return {
        ...base,
        code: course?.code ?? null,
        name: course ? both(course.name, course.nameEn) : both(`课程 ${outcome.courseId}`, `Course ${outcome.courseId}`),
        term: term ? termLabel(term) : null,
        termCode: term?.code ?? null,
        result,
      };
    }
    if (outcome.kind === 'certificate') {
      const certificate = certificatesById.get(outcome.certificateId!)!;
      const exempted = grant.exemptedCourseId ? coursesById.get(grant.exemptedCourseId) : undefined;
      return {
        ...base,
        code: certificate.code,
        name: both(certificate.name, certificate.nameEn),
        result: certificateLevelLabels[outcome.level as CertificateLevel],
        exempts: exempted ? both(`${exempted.code} ${exempted.name}`, `${exempted.code} ${exempted.nameEn || exempted.name}`) : null,
      };
    }
    const competition = competitionsById.get(outcome.competitionId!)!;
    const level = competitionLevelLabels[competition.level as CompetitionLevel];
    const prize = prizeLabels[outcome.prize as Prize];
    return {
      ...base,
      code: competition.code,
      name: both(competition.name, competition.nameEn),
      result: { 'zh-CN': `${level['zh-CN']}${prize['zh-CN']}`, en: `${level.en}, ${prize.en.toLowerCase()}` },
    };
  });
  const order: Record<OutcomeKind, number> = { course_credit: 0, certificate: 1, competition: 2 };
  return rows.sort(
    (a, b) =>
      order[a.kind] - order[b.kind] ||
      (a.termCode ?? '').localeCompare(b.termCode ?? '') ||
      (a.code ?? '').localeCompare(b.code ?? '') ||
      a.outcomeId - b.outcomeId,
  );
}
