/**
 * The text parts of a 人才培养方案 around its course table, as colleges write them (入学要求, 修业年限,
 * 培养目标, 培养规格 — 素质/知识/能力, 毕业要求). Stored on the programme (`programmes.texts`), edited in
 * the builder, printed by the .docx export. 专业名称与代码, 课程设置 and 学时安排 come from the data.
 */
import { z } from 'zod';

export const programmeTextKeys = [
  'entryRequirements',
  'studyDuration',
  'objective',
  'quality',
  'knowledge',
  'ability',
  'graduationRequirements',
] as const;
export type ProgrammeTextKey = (typeof programmeTextKeys)[number];
export type ProgrammeTexts = Record<ProgrammeTextKey, string>;

/** Longest text of one part (a 培养规格 list of a dozen items fits easily). */
export const programmeTextMax = 4000;

/** The body of a save: any of the parts; '' clears one. */
export const programmeTextsInput = z
  .object(
    Object.fromEntries(programmeTextKeys.map((key) => [key, z.string().trim().max(programmeTextMax).optional()])) as {
      [K in ProgrammeTextKey]: z.ZodOptional<z.ZodString>;
    },
  )
  .strict();

/** The answer: every part, '' where nothing is written. */
export const programmeTextsResponse = z.object(
  Object.fromEntries(programmeTextKeys.map((key) => [key, z.string()])) as { [K in ProgrammeTextKey]: z.ZodString },
);

/** Every part of stored texts, missing ones as ''. */
export function textsOf(stored: unknown): ProgrammeTexts {
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    programmeTextKeys.map((key) => [key, typeof source[key] === 'string' ? (source[key] as string) : '']),
  ) as ProgrammeTexts;
}

/** Stored texts with the given parts replaced (only the keys given change). */
export function mergeTexts(stored: unknown, patch: Partial<ProgrammeTexts> | undefined): ProgrammeTexts {
  const texts = textsOf(stored);
  for (const key of programmeTextKeys) if (patch?.[key] !== undefined) texts[key] = patch[key]!;
  return texts;
}

/** What a new programme starts with: the usual wording of 入学要求 and 修业年限 for a 高职 programme of `termCount` terms. */
export function defaultTexts(termCount: number): ProgrammeTexts {
  const years = Math.max(1, Math.round(termCount / 2));
  return {
    ...textsOf({}),
    entryRequirements: '普通高级中学毕业生、中等职业学校毕业生或具有同等学力者。',
    studyDuration: `基本修业年限 ${years} 年，实行弹性学制，学生可在 ${years}–${years + 2} 年内完成学业。`,
  };
}
