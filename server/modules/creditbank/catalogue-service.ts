/** Catalogues of the credit bank: certificates (职业技能等级证书 / 职业资格) and competitions (技能大赛). */
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { authorize, requireActor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { duplicate, forbidden, invalidReference, notFound } from '../../platform/errors.ts';
import { coursesByIds } from '../courses/read.ts';
import { clusterById, groupsOfCluster } from '../org/read.ts';
import type { CertificateRow, CompetitionRow } from './responses.ts';
import type { CertificateLevel, CompetitionLevel } from './rules.ts';
import { certificateCourseMappings, certificates, competitions } from './schema.ts';

/** An owner group must be one of the catalogue entry's own cluster (and so of its institution). */
async function checkOwnerGroup(app: AppContext, clusterId: number, ownerGroupId: number | null | undefined) {
  if (!ownerGroupId) return;
  const groups = await groupsOfCluster(app.db, clusterId);
  if (!groups.some((group) => group.id === ownerGroupId)) throw invalidReference('group', 'ownerGroupId');
}

export async function listCertificates(app: AppContext, request: RequestContext, clusterId?: number) {
  const actor = requireActor(request.actor);
  if (!actor.institutionId) throw forbidden();
  const conditions = [eq(certificates.institutionId, actor.institutionId)];
  if (clusterId) conditions.push(eq(certificates.clusterId, clusterId));
  const rows = await app.db
    .select()
    .from(certificates)
    .where(and(...conditions))
    .orderBy(asc(certificates.code));
  const mappings = await app.db
    .select()
    .from(certificateCourseMappings)
    .where(eq(certificateCourseMappings.institutionId, actor.institutionId));
  // Students may not list the course pool, so each mapping names its course here (for the exemption picker).
  const coursesById = new Map(
    (await coursesByIds(app.db, [...new Set(mappings.map((mapping) => mapping.courseId))])).map((course) => [course.id, course]),
  );
  return rows.map((row) => ({
    ...(row as CertificateRow),
    mappings: mappings
      .filter((mapping) => mapping.certificateId === row.id)
      .map((mapping) => {
        const course = coursesById.get(mapping.courseId);
        return {
          courseId: mapping.courseId,
          minLevel: mapping.minLevel as CertificateLevel,
          courseCode: course?.code ?? null,
          courseName: course?.name ?? null,
          courseNameEn: course?.nameEn ?? null,
        };
      }),
  }));
}

export interface CertificateInput {
  clusterId: number;
  code: string;
  name: string;
  nameEn?: string | null;
  kind: 'skill_level' | 'qualification';
  issuer: string;
  occupation?: string | null;
  levels: CertificateLevel[];
  ownerGroupId?: number | null;
}

export async function createCertificate(app: AppContext, request: RequestContext, input: CertificateInput) {
  const cluster = await clusterById(app.db, input.clusterId);
  if (!cluster) throw invalidReference('cluster', 'clusterId');
  authorize(request.actor, 'creditbank.catalogue', { type: 'cluster', id: cluster.id }, await app.scopes.get());
  await checkOwnerGroup(app, cluster.id, input.ownerGroupId);
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(certificates)
      .values({
        institutionId: cluster.institutionId,
        clusterId: cluster.id,
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        kind: input.kind,
        issuer: input.issuer,
        occupation: input.occupation ?? null,
        levels: [...new Set(input.levels)],
        ownerGroupId: input.ownerGroupId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate('certificate', input.code);
    await recordAudit(tx, request, {
      action: 'creditbank.certificate.create',
      entity: 'certificate',
      entityId: row.id,
      institutionId: cluster.institutionId,
      summary: `新增证书 ${input.code} ${input.name}`,
      after: row,
    });
    return row as CertificateRow;
  });
}

export async function listCompetitions(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  if (!actor.institutionId) throw forbidden();
  const rows = await app.db
    .select()
    .from(competitions)
    .where(eq(competitions.institutionId, actor.institutionId))
    .orderBy(asc(competitions.year), asc(competitions.code));
  return rows as CompetitionRow[];
}

export interface CompetitionInput {
  clusterId: number;
  code: string;
  name: string;
  level: CompetitionLevel;
  organiser?: string | null;
  year: number;
  ownerGroupId?: number | null;
}

export async function createCompetition(app: AppContext, request: RequestContext, input: CompetitionInput) {
  const cluster = await clusterById(app.db, input.clusterId);
  if (!cluster) throw invalidReference('cluster', 'clusterId');
  authorize(request.actor, 'creditbank.catalogue', { type: 'cluster', id: cluster.id }, await app.scopes.get());
  await checkOwnerGroup(app, cluster.id, input.ownerGroupId);
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(competitions)
      .values({
        institutionId: cluster.institutionId,
        clusterId: cluster.id,
        code: input.code,
        name: input.name,
        level: input.level,
        organiser: input.organiser ?? null,
        year: input.year,
        ownerGroupId: input.ownerGroupId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate('competition', input.code);
    await recordAudit(tx, request, {
      action: 'creditbank.competition.create',
      entity: 'competition',
      entityId: row.id,
      institutionId: cluster.institutionId,
      summary: `新增技能大赛 ${input.code} ${input.name}`,
      after: row,
    });
    return row as CompetitionRow;
  });
}

/** Sets the courses a certificate covers (证书-课程 映射), replacing the previous list. */
export async function setCertificateMappings(
  app: AppContext,
  request: RequestContext,
  certificateId: number,
  mappings: Array<{ courseId: number; minLevel: CertificateLevel }>,
) {
  const [certificate] = await app.db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!certificate) throw notFound('certificate', certificateId);
  const actor = authorize(request.actor, 'creditbank.catalogue', { type: 'cluster', id: certificate.clusterId }, await app.scopes.get());
  // Every course must exist and belong to the certificate's institution; another college's course id is refused.
  const courseIds = [...new Set(mappings.map((mapping) => mapping.courseId))];
  const found = await coursesByIds(app.db, courseIds);
  if (found.length !== courseIds.length || found.some((course) => course.institutionId !== certificate.institutionId))
    throw invalidReference('course', 'mappings');
  return app.db.transaction(async (tx) => {
    const before = await tx.select().from(certificateCourseMappings).where(eq(certificateCourseMappings.certificateId, certificateId));
    await tx.delete(certificateCourseMappings).where(eq(certificateCourseMappings.certificateId, certificateId));
    if (mappings.length > 0) {
      try {
        await tx.insert(certificateCourseMappings).values(
          mappings.map((mapping) => ({
            institutionId: certificate.institutionId,
            clusterId: certificate.clusterId,
            certificateId,
            minLevel: mapping.minLevel,
            courseId: mapping.courseId,
            createdBy: actor.userId,
          })),
        );
      } catch {
        throw invalidReference('course', 'mappings');
      }
    }
    await recordAudit(tx, request, {
      action: 'creditbank.mapping.set',
      entity: 'certificate_mapping',
      entityId: certificateId,
      institutionId: certificate.institutionId,
      summary: `设置证书 ${certificate.code} 的课程映射（${mappings.length} 门）`,
      before,
      after: mappings,
    });
    return { certificateId, mappings };
  });
}
