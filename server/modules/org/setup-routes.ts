/** Routes with which an institution sets itself up: member institutions, departments, clusters, groups, majors. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { contextOf, idParam } from '../../platform/http.ts';
import { majorLevels } from './rules.ts';
import * as r from './responses.ts';
import * as setup from './setup-service.ts';

const tags = ['org'];
const name = z.string().trim().min(1).max(100);
const shortName = z.string().trim().max(30).nullable().optional();
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const membership = z.object({
  allianceId: z.number().int().positive(),
  role: z.enum(['lead', 'member']),
  joinedOn: day.nullable().optional(),
});
const institutionKind = z.enum(['higher_vocational', 'secondary_vocational', 'technician_college', 'undergraduate', 'enterprise', 'other']);
const institutionAnswer = r.institution.extend({ memberships: z.array(membership) });
const optionalId = z.number().int().positive().nullable().optional();
const nonEmpty = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .strict()
    .refine((body) => Object.keys(body).length > 0, { message: '至少修改一项 / change at least one field' });

export async function orgSetupRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/institutions',
    {
      schema: {
        tags,
        summary: '联盟管理员新增成员单位（可属多个联盟）/ add a member institution (in one or more alliances)',
        body: z.object({ kind: institutionKind, code, name, shortName, memberships: z.array(membership).min(1).max(20) }).strict(),
        response: { 201: institutionAnswer },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createInstitution(app, contextOf(request), request.body)),
  );

  api.patch(
    '/api/institutions/:id',
    {
      schema: {
        tags,
        summary: '修改成员单位及其所属联盟、角色 / edit an institution and its alliances',
        params: idParam,
        body: nonEmpty({
          kind: institutionKind.optional(),
          name: name.optional(),
          shortName,
          memberships: z.array(membership).min(1).max(20).optional(),
        }),
        response: { 200: institutionAnswer },
      },
    },
    async (request) => setup.updateInstitution(app, contextOf(request), request.params.id, request.body),
  );

  api.patch(
    '/api/departments/:id',
    {
      schema: {
        tags,
        summary: '修改系部 / edit a department',
        params: idParam,
        body: nonEmpty({ name: name.optional(), kind: z.enum(['department', 'secondary_college', 'campus_unit']).optional() }),
        response: { 200: r.department },
      },
    },
    async (request) => setup.updateDepartment(app, contextOf(request), request.params.id, request.body),
  );

  const clusterAnswer = z.object({
    id: z.number(),
    institutionId: z.number(),
    code: z.string(),
    name: z.string(),
    formedOn: z.string().nullable(),
    description: z.string().nullable(),
  });
  api.post(
    '/api/clusters',
    {
      schema: {
        tags,
        summary: '新建专业集群 / create a cluster',
        body: z
          .object({
            institutionId: z.number().int().positive().optional(),
            code,
            name,
            formedOn: day.nullable().optional(),
            description: z.string().trim().max(2000).nullable().optional(),
          })
          .strict(),
        response: { 201: clusterAnswer },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createCluster(app, contextOf(request), request.body)),
  );

  api.patch(
    '/api/clusters/:id',
    {
      schema: {
        tags,
        summary: '修改专业集群 / edit a cluster',
        params: idParam,
        body: nonEmpty({
          name: name.optional(),
          formedOn: day.nullable().optional(),
          description: z.string().trim().max(2000).nullable().optional(),
        }),
        response: { 200: clusterAnswer },
      },
    },
    async (request) => setup.updateCluster(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/groups',
    {
      schema: {
        tags,
        summary: '新建专业群（核心专业、牵头系部、面向产业链）/ create a professional group',
        body: z
          .object({
            institutionId: z.number().int().positive().optional(),
            clusterId: optionalId,
            code,
            name,
            shortName,
            departmentId: optionalId,
            coreMajorCode: z
              .string()
              .regex(/^[0-9]{6}$/)
              .nullable()
              .optional(),
            industryChain: z.string().trim().max(100).nullable().optional(),
          })
          .strict(),
        response: { 201: r.group },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createGroup(app, contextOf(request), request.body)),
  );

  api.post(
    '/api/majors',
    {
      schema: {
        tags,
        summary: '新增专业 / create a major',
        body: z
          .object({
            institutionId: z.number().int().positive().optional(),
            code: z.string().regex(/^[0-9]{6}$/),
            name,
            departmentId: optionalId,
            groupId: optionalId,
            level: z.enum(majorLevels).optional(),
            firstEnrolmentYear: z.number().int().min(1949).max(2100).nullable().optional(),
          })
          .strict(),
        response: { 201: r.major },
      },
    },
    async (request, reply) => reply.status(201).send(await setup.createMajor(app, contextOf(request), request.body)),
  );
}
