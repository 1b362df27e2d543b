/**
 * The events the courses module publishes (contracts other modules consume through platform/events.ts).
 * Publishing grades puts each passed course's credits on the student's record and publishes
 * `courses.credits_earned`; a correction that fails a passed grade takes them off and publishes
 * `courses.credits_revoked`.
 */
import { z } from 'zod';
import { defineEvent } from '../../platform/events.ts';
import { courseLayers } from './rules.ts';

const id = z.number().int().positive();

export const creditsEarned = defineEvent(
  'courses.credits_earned',
  z.object({
    earnedCreditId: id,
    studentId: id,
    studentNo: z.string(),
    courseId: id,
    courseCode: z.string(),
    courseName: z.string(),
    courseVersionId: id,
    credits: z.number().nonnegative(),
    layer: z.enum(courseLayers),
    crossGroup: z.boolean(),
    termId: id,
    gradeId: id,
  }),
);

export const creditsRevoked = defineEvent(
  'courses.credits_revoked',
  z.object({
    earnedCreditId: id,
    studentId: id,
    courseId: id,
    credits: z.number().nonnegative(),
    reason: z.enum(['grade_corrected']),
  }),
);

export type CreditsEarned = z.infer<typeof creditsEarned.payload>;
