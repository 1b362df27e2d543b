/** Evidence files of credit-bank claims (scans and photos of certificates and awards). */
import { eq } from 'drizzle-orm';
import { can, holdsAnywhere } from '../../platform/access.ts';
import type { AttachmentOwner } from '../../platform/attachments/service.ts';
import { studentProfile } from '../org/read.ts';
import { learningOutcomes } from './schema.ts';

export const claimEvidenceType = 'creditbank.claim';

export const claimEvidence: AttachmentOwner = {
  type: claimEvidenceType,
  accept: ['image', 'pdf'],
  maxFiles: 5,
  // Students for their own claims, staff who submit claims for students.
  canStage: async (_app, actor) => Boolean(actor.studentId) || holdsAnywhere(actor, 'creditbank.submit'),
  // The claim's student, and staff who may read claims of the student's major.
  async canRead(app, actor, claimId) {
    const [claim] = await app.db
      .select({ studentId: learningOutcomes.studentId })
      .from(learningOutcomes)
      .where(eq(learningOutcomes.id, claimId));
    if (!claim) return false;
    if (actor.studentId) return actor.studentId === claim.studentId;
    const student = await studentProfile(app.db, claim.studentId);
    return Boolean(student) && can(actor, 'creditbank.read', { type: 'major', id: student!.majorId }, await app.scopes.get());
  },
};
