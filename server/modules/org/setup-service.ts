/**
 * An institution sets itself up: alliance admins add member institutions (one institution may belong to
 * several alliances, with its role in each); an institution's admin or 教务 creates and edits its
 * departments, clusters, groups and majors. Every change audited with before and after.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, requireActor, type Actor, type ScopeTree } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, duplicate, invalidReference, notFound } from '../../platform/errors.ts';
import { isMajorCode } from './rules.ts';
import { alliances, clusters, departments, institutionAlliances, institutions, majors, professionalGroups } from './schema.ts';
import { institutionOfActor, requireScope } from './structure-service.ts';
import './messages.ts';

export type AllianceRole = 'lead' | 'member';
export interface Membership {
  allianceId: number;
  role: AllianceRole;
  joinedOn?: string | null;
}

/** The memberships of every institution, for the list of institutions. */
export async function membershipsOf(db: Db, institutionIds: number[]) {
  if (institutionIds.length === 0) return new Map<number, Membership[]>();
  const rows = await db
    .select()
    .from(institutionAlliances)
    .where(inArray(institutionAlliances.institutionId, institutionIds))
    .orderBy(asc(institutionAlliances.allianceId));
  const byInstitution = new Map<number, Membership[]>();
  for (const row of rows)
    byInstitution.set(row.institutionId, [
      ...(byInstitution.get(row.institutionId) ?? []),
      { allianceId: row.allianceId, role: row.role, joinedOn: row.joinedOn },
    ]);
  return byInstitution;
}

/** Only an admin of every alliance named may place an institution in it. */
function authorizeMemberships(actor: Actor, memberships: Membership[], tree: ScopeTree) {
  if (memberships.length === 0) throw new AppError(400, 'NO_ALLIANCE', 'org.institution_needs_alliance');
  const seen = new Set<number>();
  for (const membership of memberships) {
    if (seen.has(membership.allianceId)) throw new AppError(400, 'ALLIANCE_TWICE', 'org.alliance_twice');
    seen.add(membership.allianceId);
    if (!tree.has({ type: 'alliance', id: membership.allianceId })) throw notFound('alliance', membership.allianceId);
    authorize(actor, 'institution.manage', { type: 'alliance', id: membership.allianceId }, tree);
  }
}

export async function createInstitution(
  app: AppContext,
  request: RequestContext,
  input: { kind: string; code: string; name: string; shortName?: string | null; memberships: Membership[] },
) {
  const actor = requireActor(request.actor);
  authorizeMemberships(actor, input.memberships, await app.scopes.get());
  const result = await app.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, input.code));
    if (taken) throw duplicate('institution', input.code);
    const [row] = await tx
      .insert(institutions)
      .values({
        // The first alliance is where it was added (kept for older readers); all are in institution_alliances.
        allianceId: input.memberships[0]!.allianceId,
        kind: input.kind,
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
      })
      .returning();
    await tx
      .insert(institutionAlliances)
      .values(
        input.memberships.map((m) => ({ institutionId: row!.id, allianceId: m.allianceId, role: m.role, joinedOn: m.joinedOn ?? null })),
      );
    await recordAudit(tx, request, {
      action: 'institution.create',
      entity: 'institution',
      entityId: row!.id,
      institutionId: row!.id,
      summary: `新增成员单位 ${row!.name}（${row!.code}）`,
      before: null,
      after: { ...row, memberships: input.memberships },
    });
    return row!;
  });
  app.scopes.invalidate();
  return { ...result, memberships: input.memberships };
}

export async function updateInstitution(
  app: AppContext,
  request: RequestContext,
  institutionId: number,
  patch: { name?: string; shortName?: string | null; kind?: string; memberships?: Membership[] },
) {
  const actor = requireActor(request.actor);
  const tree = await requireScope(app, { type: 'institution', id: institutionId }, 'institution');
  authorize(actor, 'institution.manage', { type: 'institution', id: institutionId }, tree);
  if (patch.memberships) authorizeMemberships(actor, patch.memberships, tree);
  const result = await app.db.transaction(async (tx) => {
    const [before] = await tx.select().from(institutions).where(eq(institutions.id, institutionId)).for('update');
    const beforeMemberships = (await membershipsOf(tx, [institutionId])).get(institutionId) ?? [];
    const { memberships, ...fields } = patch;
    const [after] = Object.keys(fields).length
      ? await tx.update(institutions).set(fields).where(eq(institutions.id, institutionId)).returning()
      : [before];
    if (memberships) {
      // Leaving an alliance also needs its admin: every membership removed must be one the actor manages.
      for (const old of beforeMemberships)
        if (!memberships.some((m) => m.allianceId === old.allianceId))
          authorize(actor, 'institution.manage', { type: 'alliance', id: old.allianceId }, tree);
      await tx.delete(institutionAlliances).where(eq(institutionAlliances.institutionId, institutionId));
      await tx
        .insert(institutionAlliances)
        .values(memberships.map((m) => ({ institutionId, allianceId: m.allianceId, role: m.role, joinedOn: m.joinedOn ?? null })));
      await tx.update(institutions).set({ allianceId: memberships[0]!.allianceId }).where(eq(institutions.id, institutionId));
    }
    await recordAudit(tx, request, {
      action: 'institution.update',
      entity: 'institution',
      entityId: institutionId,
      institutionId,
      summary: `修改成员单位 ${after!.name}`,
      before: { ...before, memberships: beforeMemberships },
      after: { ...after, memberships: memberships ?? beforeMemberships },
    });
    return after!;
  });
  app.scopes.invalidate();
  return { ...result, memberships: patch.memberships ?? (await membershipsOf(app.db, [institutionId])).get(institutionId) ?? [] };
}

export async function listAlliances(app: AppContext) {
  return app.db.select().from(alliances).orderBy(asc(alliances.id));
}

async function writeAuthorized(app: AppContext, actor: Actor | null, requested?: number) {
  const who = requireActor(actor);
  const institutionId = institutionOfActor(who, requested);
  const tree = await requireScope(app, { type: 'institution', id: institutionId }, 'institution');
  authorize(who, 'org.write', { type: 'institution', id: institutionId }, tree);
  return { institutionId, tree };
}

async function departmentOf(tx: Db, institutionId: number, departmentId: number | null | undefined) {
  if (!departmentId) return;
  const [row] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.institutionId, institutionId)));
  if (!row) throw invalidReference('department', 'departmentId');
}

export async function updateDepartment(
  app: AppContext,
  request: RequestContext,
  departmentId: number,
  patch: { name?: string; kind?: 'department' | 'secondary_college' | 'campus_unit' },
) {
  const [existing] = await app.db.select().from(departments).where(eq(departments.id, departmentId));
  if (!existing) throw notFound('department', departmentId);
  await writeAuthorized(app, request.actor, existing.institutionId);
  return app.db.transaction(async (tx) => {
    const [after] = await tx
      .update(departments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(departments.id, departmentId))
      .returning();
    await recordAudit(tx, request, {
      action: 'department.update',
      entity: 'department',
      entityId: departmentId,
      institutionId: existing.institutionId,
      summary: `修改系部 ${after!.name}`,
      before: existing,
      after,
    });
    return after!;
  });
}

export interface ClusterInput {
  institutionId?: number;
  code: string;
  name: string;
  formedOn?: string | null;
  description?: string | null;
}

export async function createCluster(app: AppContext, request: RequestContext, input: ClusterInput) {
  const { institutionId } = await writeAuthorized(app, request.actor, input.institutionId);
  const row = await app.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: clusters.id })
      .from(clusters)
      .where(and(eq(clusters.institutionId, institutionId), eq(clusters.code, input.code)));
    if (taken) throw duplicate('cluster', input.code);
    const [created] = await tx
      .insert(clusters)
      .values({
        institutionId,
        code: input.code,
        name: input.name,
        formedOn: input.formedOn ?? null,
        description: input.description ?? null,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'cluster.create',
      entity: 'cluster',
      entityId: created!.id,
      institutionId,
      summary: `新建专业集群 ${created!.name}`,
      before: null,
      after: created,
    });
    return created!;
  });
  app.scopes.invalidate();
  return row;
}

export async function updateCluster(
  app: AppContext,
  request: RequestContext,
  clusterId: number,
  patch: { name?: string; formedOn?: string | null; description?: string | null },
) {
  const [existing] = await app.db.select().from(clusters).where(eq(clusters.id, clusterId));
  if (!existing) throw notFound('cluster', clusterId);
  await writeAuthorized(app, request.actor, existing.institutionId);
  return app.db.transaction(async (tx) => {
    const [after] = await tx
      .update(clusters)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(clusters.id, clusterId))
      .returning();
    await recordAudit(tx, request, {
      action: 'cluster.update',
      entity: 'cluster',
      entityId: clusterId,
      institutionId: existing.institutionId,
      summary: `修改专业集群 ${after!.name}`,
      before: existing,
      after,
    });
    return after!;
  });
}

export async function createGroup(
  app: AppContext,
  request: RequestContext,
  input: {
    institutionId?: number;
    clusterId?: number | null;
    code: string;
    name: string;
    shortName?: string | null;
    departmentId?: number | null;
    coreMajorCode?: string | null;
    industryChain?: string | null;
  },
) {
  const { institutionId, tree } = await writeAuthorized(app, request.actor, input.institutionId);
  if (input.clusterId && tree.institutionOf({ type: 'cluster', id: input.clusterId }) !== institutionId)
    throw invalidReference('cluster', 'clusterId');
  if (input.coreMajorCode && !isMajorCode(input.coreMajorCode)) throw invalidReference('major', 'coreMajorCode');
  const row = await app.db.transaction(async (tx) => {
    await departmentOf(tx, institutionId, input.departmentId);
    const [taken] = await tx
      .select({ id: professionalGroups.id })
      .from(professionalGroups)
      .where(and(eq(professionalGroups.institutionId, institutionId), eq(professionalGroups.code, input.code)));
    if (taken) throw duplicate('group', input.code);
    const [created] = await tx
      .insert(professionalGroups)
      .values({
        institutionId,
        clusterId: input.clusterId ?? null,
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        departmentId: input.departmentId ?? null,
        coreMajorCode: input.coreMajorCode ?? null,
        industryChain: input.industryChain ?? null,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'group.create',
      entity: 'group',
      entityId: created!.id,
      institutionId,
      summary: `新建专业群 ${created!.name}`,
      before: null,
      after: created,
    });
    return created!;
  });
  app.scopes.invalidate();
  return row;
}

export async function createMajor(
  app: AppContext,
  request: RequestContext,
  input: {
    institutionId?: number;
    code: string;
    name: string;
    departmentId?: number | null;
    groupId?: number | null;
    level?: string;
    firstEnrolmentYear?: number | null;
  },
) {
  const { institutionId, tree } = await writeAuthorized(app, request.actor, input.institutionId);
  if (!isMajorCode(input.code)) throw new AppError(400, 'BAD_MAJOR_CODE', 'import.cell.bad_major_code');
  if (input.groupId && tree.institutionOf({ type: 'group', id: input.groupId }) !== institutionId)
    throw invalidReference('group', 'groupId');
  const row = await app.db.transaction(async (tx) => {
    await departmentOf(tx, institutionId, input.departmentId);
    const [taken] = await tx
      .select({ id: majors.id })
      .from(majors)
      .where(and(eq(majors.institutionId, institutionId), eq(majors.code, input.code)));
    if (taken) throw duplicate('major', input.code);
    const [created] = await tx
      .insert(majors)
      .values({
        institutionId,
        code: input.code,
        name: input.name,
        departmentId: input.departmentId ?? null,
        groupId: input.groupId ?? null,
        level: input.level ?? 'higher_vocational',
        firstEnrolmentYear: input.firstEnrolmentYear ?? null,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'major.create',
      entity: 'major',
      entityId: created!.id,
      institutionId,
      summary: `新增专业 ${created!.code} ${created!.name}`,
      before: null,
      after: created,
    });
    return created!;
  });
  app.scopes.invalidate();
  return row;
}
