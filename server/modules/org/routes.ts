import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../platform/access.ts';
import { contextOf, idParam, pageQuery, sendFile, xlsxContentType } from '../../platform/http.ts';
import { majorLevels, majorStatuses, studentStatuses, teacherStatuses } from './rules.ts';
import { listFileName, studentListWorkbook, teacherListWorkbook } from './people-export.ts';
import * as people from './people-service.ts';
import * as r from './responses.ts';
import * as structure from './structure-service.ts';

const institutionQuery = z.object({ institutionId: z.coerce.number().int().positive().optional() });
const name = z.string().trim().min(1).max(100);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/);
const peopleFilter = {
  institutionId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
};
const studentFilter = z.object({
  ...peopleFilter,
  majorId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
  classId: z.coerce.number().int().positive().optional(),
  cohortYear: z.coerce.number().int().min(1990).max(2100).optional(),
  /** 学籍状态: 在读 / 休学 / 毕业 / 退学. */
  status: z.enum(studentStatuses).optional(),
});
const teacherFilter = z.object({
  ...peopleFilter,
  groupId: z.coerce.number().int().positive().optional(),
  status: z.enum(teacherStatuses).optional(),
  /** 双师型: true or false. */
  dualQualified: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
const studentQuery = studentFilter.extend(pageQuery);
const teacherQuery = teacherFilter.extend(pageQuery);
/** Which personal field to reveal (one per request, each audited). */
const revealBody = z.object({ field: z.enum(['idNumber', 'phone']) }).strict();

export async function orgRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  api.get(
    '/api/institutions',
    { schema: { tags, summary: '联盟与成员院校 / alliances and member institutions', response: { 200: r.institutionList } } },
    async (request) => structure.listInstitutions(app, contextOf(request)),
  );

  api.get(
    '/api/institutions/:id/contacts',
    { schema: { tags, summary: '企业联系人 / contacts of a partner enterprise', params: idParam, response: { 200: r.contactList } } },
    async (request) => people.listEnterpriseContacts(app, contextOf(request), request.params.id),
  );
  api.post(
    '/api/institutions/:id/contacts',
    {
      schema: {
        tags,
        summary: '新增企业联系人 / add a contact of a partner enterprise',
        params: idParam,
        body: z
          .object({
            name,
            position: z.string().trim().max(100).nullable().optional(),
            phone: z
              .string()
              .regex(/^1[3-9][0-9]{9}$/)
              .nullable()
              .optional(),
            email: z.string().trim().email().max(200).nullable().optional(),
          })
          .strict(),
        response: { 201: r.createdContact },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await people.createEnterpriseContact(app, contextOf(request), request.params.id, request.body)),
  );

  api.get(
    '/api/departments',
    { schema: { tags, summary: '系部 / departments', querystring: institutionQuery, response: { 200: z.array(r.department) } } },
    async (request) => structure.listDepartments(app, contextOf(request), request.query.institutionId),
  );

  api.post(
    '/api/departments',
    {
      schema: {
        tags,
        summary: '新增系部 / create a department',
        body: z.object({
          institutionId: z.number().int().positive().optional(),
          code,
          name,
          kind: z.enum(['department', 'secondary_college', 'campus_unit']).default('department'),
        }),
        response: { 201: r.department },
      },
    },
    async (request, reply) => reply.status(201).send(await structure.createDepartment(app, contextOf(request), request.body)),
  );

  api.get(
    '/api/cluster-tree',
    {
      schema: { tags, summary: '专业集群 → 专业群 → 专业 / cluster tree', querystring: institutionQuery, response: { 200: r.clusterTree } },
    },
    async (request) => structure.clusterTree(app, contextOf(request), request.query.institutionId),
  );

  api.get(
    '/api/groups/:id',
    { schema: { tags, summary: '专业群详情 / a professional group', params: idParam, response: { 200: r.groupDetail } } },
    async (request) => structure.getGroup(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/groups/:id',
    {
      schema: {
        tags,
        summary: '修改专业群 / update a group',
        params: idParam,
        body: z
          .object({
            name: name.optional(),
            shortName: z.string().max(20).nullable().optional(),
            industryChain: z.string().max(100).nullable().optional(),
            coreMajorCode: z
              .string()
              .regex(/^[0-9]{6}$/)
              .nullable()
              .optional(),
            /** The lead department (牵头系部). */
            departmentId: z.number().int().positive().nullable().optional(),
          })
          .strict()
          .refine((body) => Object.keys(body).length > 0, { message: '至少修改一项 / change at least one field' }),
        response: { 200: r.group },
      },
    },
    async (request) => structure.updateGroup(app, contextOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/majors',
    {
      schema: {
        tags,
        summary: '本校全部专业（按系部，含是否在专业群中）/ every major of the institution, with its department and group',
        querystring: institutionQuery,
        response: { 200: r.majorList },
      },
    },
    async (request) => structure.listMajors(app, contextOf(request), request.query.institutionId),
  );

  api.get(
    '/api/majors/:id',
    {
      schema: {
        tags,
        summary: '专业详情（含状态历史）/ a major with its status history',
        params: idParam,
        response: { 200: r.majorDetail },
      },
    },
    async (request) => structure.getMajor(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/majors/:id',
    {
      schema: {
        tags,
        summary: '修改专业 / update a major',
        params: idParam,
        body: z
          .object({
            name: name.optional(),
            departmentId: z.number().int().positive().nullable().optional(),
            groupId: z.number().int().positive().nullable().optional(),
            firstEnrolmentYear: z.number().int().min(1949).max(2100).nullable().optional(),
            level: z.enum(majorLevels).optional(),
          })
          .strict()
          .refine((body) => Object.keys(body).length > 0, { message: '至少修改一项 / change at least one field' }),
        response: { 200: r.major },
      },
    },
    async (request) => structure.updateMajor(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/majors/:id/status',
    {
      schema: {
        tags,
        summary: '变更专业状态（招生/停招/撤销）/ change major status',
        params: idParam,
        body: z.object({
          status: z.enum(majorStatuses),
          effectiveYear: z.number().int().min(1949).max(2100).optional(),
          reason: z.string().trim().max(500).optional(),
        }),
        response: { 200: r.major },
      },
    },
    async (request) => structure.changeMajorStatus(app, contextOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/terms',
    { schema: { tags, summary: '学年学期 / terms', querystring: institutionQuery, response: { 200: z.array(r.term) } } },
    async (request) => structure.listTerms(app, contextOf(request), request.query.institutionId),
  );

  api.post(
    '/api/terms',
    {
      schema: {
        tags,
        summary: '新增学期 / create a term',
        body: z.object({
          institutionId: z.number().int().positive().optional(),
          code: z
            .string()
            .regex(/^[0-9]{4}-[0-9]{4}-[12]$/)
            .refine((value) => Number(value.slice(5, 9)) === Number(value.slice(0, 4)) + 1, '学年须为相邻两年 / consecutive years'),
          startsOn: z.iso.date(),
          endsOn: z.iso.date(),
          /** The Monday of teaching week 1; by default the first Monday on or after startsOn. */
          firstWeekStartsOn: z.iso.date().nullable().optional(),
        }),
        response: { 201: r.term },
      },
    },
    async (request, reply) => reply.status(201).send(await structure.createTerm(app, contextOf(request), request.body)),
  );

  api.patch(
    '/api/terms/:id',
    {
      schema: {
        tags,
        summary: '修改学期起止日期与第一教学周 / change a term’s dates and its first teaching week',
        params: idParam,
        body: z
          .object({ startsOn: z.iso.date().optional(), endsOn: z.iso.date().optional(), firstWeekStartsOn: z.iso.date().optional() })
          .strict()
          .refine((body) => Object.keys(body).length > 0, { message: '至少修改一项 / change at least one field' }),
        response: { 200: r.term },
      },
    },
    async (request) => structure.updateTerm(app, contextOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/classes',
    {
      schema: {
        tags,
        summary: '行政班 / classes',
        querystring: institutionQuery.extend({ majorId: z.coerce.number().int().positive().optional() }),
        response: { 200: r.classList },
      },
    },
    async (request) => structure.listClasses(app, contextOf(request), request.query),
  );

  api.get(
    '/api/students',
    {
      schema: {
        tags,
        summary: '学生名册（分页、搜索、按学籍状态筛选）/ students, paged, searchable, filtered by status',
        querystring: studentQuery,
        response: { 200: r.studentPage },
      },
    },
    async (request) => people.listStudents(app, contextOf(request), request.query),
  );

  api.get(
    '/api/students/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出筛选后的学生名册（.xlsx，身份证号与手机号脱敏）/ the filtered student list as .xlsx, numbers masked',
        querystring: studentFilter,
      },
    },
    async (request, reply) => {
      const rows = await people.exportStudents(app, contextOf(request), request.query);
      return sendFile(reply, listFileName('students', request.locale), xlsxContentType, await studentListWorkbook(rows, request.locale));
    },
  );

  api.post(
    '/api/students/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看学生完整的身份证号或手机号（逐项，记入审计）/ reveal one personal field of a student (audited)',
        params: idParam,
        body: revealBody,
        response: { 200: r.revealed },
      },
    },
    async (request) => people.revealStudentField(app, contextOf(request), request.params.id, request.body.field),
  );

  api.get(
    '/api/students/:id',
    { schema: { tags, summary: '学生详情 / a student', params: idParam, response: { 200: r.studentDetail } } },
    async (request) => people.getStudent(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/students/:id',
    {
      schema: {
        tags,
        summary: '修改学生 / update a student',
        params: idParam,
        body: z
          .object({
            name: name.optional(),
            status: z.enum(['enrolled', 'suspended', 'graduated', 'withdrawn']).optional(),
            classId: z.number().int().positive().nullable().optional(),
            phone: z
              .string()
              .regex(/^1[3-9][0-9]{9}$/)
              .nullable()
              .optional(),
          })
          .strict(),
        response: { 200: r.studentRecord },
      },
    },
    async (request) => people.updateStudent(app, contextOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/teachers',
    {
      schema: {
        tags,
        summary: '教师名册（分页、搜索、按状态筛选）/ teachers, paged, searchable, filtered by status',
        querystring: teacherQuery,
        response: { 200: r.teacherPage },
      },
    },
    async (request) => people.listTeachers(app, contextOf(request), request.query),
  );

  api.get(
    '/api/teachers/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出筛选后的教师名册（.xlsx，身份证号与手机号脱敏）/ the filtered teacher list as .xlsx, numbers masked',
        querystring: teacherFilter,
      },
    },
    async (request, reply) => {
      const rows = await people.exportTeachers(app, contextOf(request), request.query);
      return sendFile(reply, listFileName('teachers', request.locale), xlsxContentType, await teacherListWorkbook(rows, request.locale));
    },
  );

  api.post(
    '/api/teachers/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看教师完整的身份证号或手机号（逐项，记入审计）/ reveal one personal field of a teacher (audited)',
        params: idParam,
        body: revealBody,
        response: { 200: r.revealed },
      },
    },
    async (request) => people.revealTeacherField(app, contextOf(request), request.params.id, request.body.field),
  );

  api.get(
    '/api/teachers/:id',
    { schema: { tags, summary: '教师详情 / a teacher', params: idParam, response: { 200: r.teacherDetail } } },
    async (request) => people.getTeacher(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/me/student',
    {
      schema: {
        tags,
        summary: '我的学籍（学生本人；身份证号与手机号默认隐去部分）/ my own student record (numbers masked unless asked)',
        querystring: z.object({ reveal: z.enum(['true', 'false']).optional() }),
        response: { 200: r.myStudent },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!actor.studentId) return { student: null };
      return { student: await people.getStudent(app, contextOf(request), actor.studentId, { revealOwn: request.query.reveal === 'true' }) };
    },
  );
}
