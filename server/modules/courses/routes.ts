import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../platform/access.ts';
import { contextOf, errorBody, idParam, pageQuery, sendFile, xlsxContentType, positiveId } from '../../platform/http.ts';
import { readXlsxUpload } from '../../platform/imports/routes.ts';
import { gradeBook, gradeSheetWorkbook, publishGrades, saveGrades, studentProgress, uploadGrades } from './grade-service.ts';
import { createSection, enrolSectionClasses, getSection, listSections, termClashes, updateSection } from './offering-service.ts';
import { createCourse, diffCourseVersions, getCourse, listCourses, setCourseStatus, updateCourse } from './pool-service.ts';
import { creditRuleRoutes } from './credit-rules-routes.ts';
import { exportProgramme } from './programme-document.ts';
import { copyProgramme, copyUses, previewCopy } from './programme-copy.ts';
import { programmeTextsInput } from './programme-texts.ts';
import {
  checkComposition,
  compareProgrammes,
  createProgramme,
  deleteProgramme,
  getProgramme,
  listProgrammes,
  programmeStatuses,
  saveProgramme,
  transitionProgramme,
} from './programme-service.ts';
import * as r from './responses.ts';
import { assessmentTypes, courseLayers, courseStatuses, gradeSchemes, isCourseCode, moduleTypes, selectionModes } from './rules.ts';
import { dropSection } from './selection-drop.ts';
import { drawWindow, submitPreferences, verifyDraw } from './selection-draw.ts';
import { selectSection } from './selection-select.ts';
import { presentAnswer } from './selection-state.ts';
import { mySelection, sectionRoster } from './selection-views.ts';
import { getPeriodTimes, myTimetable, myTimetableIcs, setPeriodTimes } from './timetable-service.ts';
import { createWindow, getWindow, listWindows, updateWindow } from './selection-windows.ts';

const optionalId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1)
  .optional();
const credits = z.number().positive().max(40).multipleOf(0.5);
const courseCode = z.string().trim().refine(isCourseCode, '课程代码为 2–20 位字母、数字或“-” / 2–20 letters, digits or "-"');
const certificateCode = z.string().trim().min(1).max(40);

const courseFields = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).nullable().optional(),
  credits,
  theoryHours: z.number().int().min(0).max(2000),
  practiceHours: z.number().int().min(0).max(2000),
  assessment: z.enum(assessmentTypes),
  layer: z.enum(courseLayers),
  moduleType: z.enum(moduleTypes),
  ownerGroupId: positiveId.nullable(),
  certificateCodes: z.array(certificateCode).max(20).optional(),
  prerequisiteCodes: z.array(courseCode).max(20).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
});

const meeting = z.object({
  weekday: z.number().int().min(1).max(7),
  firstPeriod: z.number().int().min(1).max(14),
  lastPeriod: z.number().int().min(1).max(14),
  firstWeek: z.number().int().min(1).max(30),
  lastWeek: z.number().int().min(1).max(30),
});

const choice = z.object({
  courseId: positiveId,
  termNo: z.number().int().min(1).max(12),
  isElective: z.boolean().optional(),
  versionNo: z.number().int().min(1).optional(),
});
const requestId = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export async function courseRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  // ---- Course pool
  let tags = ['courses'];
  api.get(
    '/api/courses',
    {
      schema: {
        tags,
        summary: '课程池（按层级/专业群/模块筛选）/ the course pool',
        querystring: z.object({
          ...pageQuery,
          clusterId: optionalId,
          layer: z.enum(courseLayers).optional(),
          ownerGroupId: z.coerce.number().int().min(0).optional(),
          moduleType: z.enum(moduleTypes).optional(),
          status: z.enum(courseStatuses).optional(),
          q: z.string().trim().max(50).optional(),
        }),
        response: { 200: r.coursePage },
      },
    },
    async (request) => listCourses(app, contextOf(request), request.query),
  );

  api.post(
    '/api/courses',
    {
      schema: {
        tags,
        summary: '新增课程 / create a course',
        body: courseFields.extend({ clusterId: positiveId.optional(), code: courseCode, publish: z.boolean().optional() }),
        response: { 201: r.courseSummary },
      },
    },
    async (request, reply) => reply.status(201).send(await createCourse(app, contextOf(request), request.body)),
  );

  api.get(
    '/api/courses/:id',
    {
      schema: { tags, summary: '课程详情与版本 / a course and its versions', params: idParam, response: { 200: r.courseDetail } },
    },
    async (request) => getCourse(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/courses/:id',
    {
      schema: {
        tags,
        summary: '修改课程（已发布课程生成新版本）/ edit a course (a published course gets a new version)',
        params: idParam,
        body: courseFields.partial().strict(),
        response: { 200: r.editedCourse },
      },
    },
    async (request) => updateCourse(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/courses/:id/publish',
    {
      schema: { tags, summary: '发布课程 / publish a course', params: idParam, response: { 200: r.courseSummary } },
    },
    async (request) => setCourseStatus(app, contextOf(request), request.params.id, 'published'),
  );

  api.post(
    '/api/courses/:id/retire',
    {
      schema: { tags, summary: '停用课程 / retire a course', params: idParam, response: { 200: r.courseSummary } },
    },
    async (request) => setCourseStatus(app, contextOf(request), request.params.id, 'retired'),
  );

  api.get(
    '/api/courses/:id/diff',
    {
      schema: {
        tags,
        summary: '比较两个版本 / compare two versions',
        params: idParam,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        response: { 200: r.courseDiff },
      },
    },
    async (request) => diffCourseVersions(app, contextOf(request), request.params.id, request.query.from, request.query.to),
  );

  // Credit-structure rules, versioned per cluster (credit-rules-routes.ts).
  await creditRuleRoutes(fastify, app);

  // ---- Programmes
  tags = ['programmes'];
  api.get(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: '人才培养方案列表 / training programmes',
        querystring: z.object({
          clusterId: optionalId,
          groupId: optionalId,
          majorId: optionalId,
          cohortYear: z.coerce.number().int().min(1990).max(2100).optional(),
          status: z.enum(programmeStatuses).optional(),
        }),
        response: { 200: r.programmeList },
      },
    },
    async (request) => listProgrammes(app, contextOf(request), request.query),
  );

  api.post(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: '新建培养方案 / create a programme',
        body: z.object({
          majorId: positiveId,
          cohortYear: z.number().int().min(1990).max(2100),
          name: z.string().trim().min(1).max(100).optional(),
          graduationCredits: z.number().positive().max(400),
          electiveCreditsRequired: z.number().min(0).max(100).optional(),
        }),
        response: { 201: r.programme },
      },
    },
    async (request, reply) => reply.status(201).send(await createProgramme(app, contextOf(request), request.body)),
  );

  api.get(
    '/api/programmes/compare',
    {
      schema: {
        tags,
        summary: '两个方案对比 / compare two programmes',
        querystring: z.object({ left: z.coerce.number().int().positive(), right: z.coerce.number().int().positive() }),
        response: { 200: r.programmeComparison },
      },
    },
    async (request) => compareProgrammes(app, contextOf(request), request.query.left, request.query.right, request.locale),
  );

  api.get(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: '培养方案（含规则校验）/ a programme with its rule check',
        params: idParam,
        response: { 200: r.programmeDetail },
      },
    },
    async (request) => getProgramme(app, contextOf(request), request.params.id, request.locale),
  );

  api.put(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: '保存方案（课程与设置）/ save a programme',
        params: idParam,
        body: z
          .object({
            revision: z.number().int().min(1).optional(),
            name: z.string().trim().min(1).max(100).optional(),
            graduationCredits: z.number().positive().max(400).optional(),
            electiveCreditsRequired: z.number().min(0).max(100).optional(),
            courses: z.array(choice).max(200).optional(),
            texts: programmeTextsInput.optional(),
          })
          .strict(),
        response: { 200: r.programmeDetail },
      },
    },
    async (request) => saveProgramme(app, contextOf(request), request.params.id, request.body, request.locale),
  );

  api.post(
    '/api/programmes/:id/check',
    {
      schema: {
        tags,
        summary: '实时规则校验（不保存）/ live rule check of an unsaved composition',
        params: idParam,
        body: z.object({
          courses: z.array(choice).max(200),
          graduationCredits: z.number().positive().max(400).optional(),
          electiveCreditsRequired: z.number().min(0).max(100).optional(),
        }),
        response: { 200: r.ruleCheck },
      },
    },
    async (request) => checkComposition(app, contextOf(request), request.params.id, request.body, request.locale),
  );

  api.post(
    '/api/programmes/:id/transitions',
    {
      schema: {
        tags,
        summary: '提交/撤回/审核/退回/发布 / submit, withdraw, approve, reject, publish',
        params: idParam,
        body: z.object({
          action: z.enum(['submit', 'withdraw', 'approve', 'reject', 'publish']),
          comment: z.string().trim().max(1000).optional(),
          revision: z.number().int().min(1).optional(),
        }),
        response: { 200: r.programmeDetail },
      },
    },
    async (request) => transitionProgramme(app, contextOf(request), request.params.id, request.body.action, request.body, request.locale),
  );

  api.delete(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: '删除草稿（创建人或教务）/ delete a draft (its author or academic affairs)',
        params: idParam,
        querystring: z.object({ revision: z.coerce.number().int().min(1).optional() }),
        response: { 200: r.programmeDeleted },
      },
    },
    async (request) => deleteProgramme(app, contextOf(request), request.params.id, request.query),
  );

  const copyBody = z
    .object({
      cohortYear: z.number().int().min(1990).max(2100),
      majorId: positiveId.optional(),
      /** For each course that cannot be copied as it was (see the preview): what to do with it. */
      decisions: z
        .array(z.object({ courseId: positiveId, use: z.enum(copyUses), replacementId: positiveId.optional() }).strict())
        .max(200)
        .optional(),
    })
    .strict();

  api.post(
    '/api/programmes/:id/copy/preview',
    {
      schema: {
        tags,
        summary: '复制前预览：不能原样复制的课程与学分变化（不保存）/ what a copy would change, nothing saved',
        params: idParam,
        body: copyBody,
        response: { 200: r.programmeCopyPreview },
      },
    },
    async (request) => previewCopy(app, contextOf(request), request.params.id, request.body, request.locale),
  );

  api.post(
    '/api/programmes/:id/copy',
    {
      schema: {
        tags,
        summary: '复制方案到新年级 / copy to another cohort',
        params: idParam,
        body: copyBody,
        response: { 201: r.programmeDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await copyProgramme(app, contextOf(request), request.params.id, request.body, request.locale)),
  );

  api.get(
    '/api/programmes/:id/export.xlsx',
    { schema: { tags, summary: '导出课程设置与学时分配表 (.xlsx) / export as .xlsx', params: idParam } },
    async (request, reply) => {
      const file = await exportProgramme(app, contextOf(request), request.params.id, 'xlsx', request.locale);
      return sendFile(reply, file.fileName, xlsxContentType, file.data);
    },
  );

  api.get(
    '/api/programmes/:id/export.docx',
    { schema: { tags, summary: '导出人才培养方案 (.docx) / export as .docx', params: idParam } },
    async (request, reply) => {
      const file = await exportProgramme(app, contextOf(request), request.params.id, 'docx', request.locale);
      return sendFile(reply, file.fileName, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', file.data);
    },
  );

  // ---- Offerings
  tags = ['offerings'];
  const sectionBody = z.object({
    termId: positiveId,
    courseId: positiveId,
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,40}$/),
    capacity: z.number().int().min(0).max(2000),
    room: z.string().trim().max(50).nullable().optional(),
    windowId: positiveId.nullable().optional(),
    gradeScheme: z.enum(gradeSchemes).optional(),
    teacherIds: z.array(positiveId).max(10),
    classIds: z.array(positiveId).max(50).optional(),
    meetings: z.array(meeting).max(20),
  });
  api.get(
    '/api/sections',
    {
      schema: {
        tags,
        summary: '开课教学班 / sections of a term',
        querystring: z.object({
          ...pageQuery,
          termId: z.coerce.number().int().positive(),
          windowId: optionalId,
          courseId: optionalId,
          teacherId: optionalId,
          q: z.string().trim().max(50).optional(),
        }),
        response: { 200: r.sectionPage },
      },
    },
    async (request) => listSections(app, contextOf(request), request.query),
  );

  api.post(
    '/api/sections',
    {
      schema: {
        tags,
        summary: '开课（检查教师/教室/班级冲突）/ create a section (clash-checked)',
        body: sectionBody,
        response: { 201: r.sectionDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createSection(app, contextOf(request), request.body, request.locale)),
  );

  api.get(
    '/api/sections/:id',
    {
      schema: { tags, summary: '教学班详情 / a section', params: idParam, response: { 200: r.sectionDetail } },
    },
    async (request) => getSection(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/sections/:id',
    {
      schema: {
        tags,
        summary: '修改教学班（扩容自动递补候补）/ change a section (more seats promote the waitlist)',
        params: idParam,
        body: sectionBody.omit({ termId: true, courseId: true }).partial().strict(),
        response: { 200: r.sectionDetail },
      },
    },
    async (request) => updateSection(app, contextOf(request), request.params.id, request.body, request.locale),
  );

  api.post(
    '/api/sections/:id/enrol-classes',
    {
      schema: { tags, summary: '按行政班编入学生 / enrol the section’s classes', params: idParam, response: { 200: r.classEnrolment } },
    },
    async (request) => enrolSectionClasses(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/sections/:id/roster',
    {
      schema: { tags, summary: '选课名单与候补队列 / enrolled students and waitlist', params: idParam, response: { 200: r.sectionRoster } },
    },
    async (request) => sectionRoster(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/terms/:id/clashes',
    {
      schema: { tags, summary: '学期排课冲突 / timetable clashes of a term', params: idParam, response: { 200: r.termClashes } },
    },
    async (request) => termClashes(app, contextOf(request), request.params.id, request.locale),
  );

  // ---- Selection
  tags = ['selection'];
  const windowBody = z.object({
    termId: positiveId,
    name: z.string().trim().min(1).max(100),
    mode: z.enum(selectionModes),
    cohortYears: z.array(z.number().int().min(1990).max(2100)).min(1).max(10),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date(),
    dropDeadline: z.coerce.date(),
    creditCap: z.number().positive().max(60),
    maxChoices: z.number().int().min(1).max(20).optional(),
    maxCourses: z.number().int().min(1).max(20).optional(),
    waitlistLimit: z.number().int().min(0).max(1000).optional(),
    sectionIds: z.array(positiveId).max(1000).optional(),
  });
  api.get(
    '/api/selection-windows',
    {
      schema: {
        tags,
        summary: '选课轮次 / selection windows',
        querystring: z.object({ termId: optionalId, institutionId: optionalId }),
        response: { 200: r.windowList },
      },
    },
    async (request) => listWindows(app, contextOf(request), request.query),
  );

  api.post(
    '/api/selection-windows',
    {
      schema: { tags, summary: '新建选课轮次 / create a selection window', body: windowBody, response: { 201: r.windowDetail } },
    },
    async (request, reply) => reply.status(201).send(await createWindow(app, contextOf(request), request.body)),
  );

  api.get(
    '/api/selection-windows/:id',
    {
      schema: { tags, summary: '选课轮次与教学班余量 / a window with seats left', params: idParam, response: { 200: r.windowDetail } },
    },
    async (request) => getWindow(app, contextOf(request), request.params.id),
  );

  api.patch(
    '/api/selection-windows/:id',
    {
      schema: {
        tags,
        summary: '修改选课轮次 / change a window',
        params: idParam,
        body: windowBody.omit({ termId: true, mode: true }).partial().strict(),
        response: { 200: r.windowDetail },
      },
    },
    async (request) => updateWindow(app, contextOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/selection-windows/:id/draw',
    {
      schema: {
        tags,
        summary: '志愿抽签（记录种子，可复核）/ run the draw from a recorded seed',
        params: idParam,
        body: z.object({ seed: z.string().trim().min(8).max(128).optional() }),
        response: { 200: r.drawResult },
      },
    },
    async (request) => drawWindow(app, contextOf(request), request.params.id, request.body),
  );

  api.get(
    '/api/selection-windows/:id/draw/verify',
    {
      schema: { tags, summary: '复核抽签结果 / re-run the recorded draw', params: idParam, response: { 200: r.drawVerification } },
    },
    async (request) => verifyDraw(app, contextOf(request), request.params.id),
  );

  api.put(
    '/api/selection-windows/:id/preferences',
    {
      schema: {
        tags,
        summary: '提交志愿（按顺序）/ submit ranked choices',
        params: idParam,
        body: z.object({ sectionIds: z.array(positiveId).max(20) }),
        response: { 200: r.savedPreferences },
      },
    },
    async (request) => submitPreferences(app, contextOf(request), request.params.id, request.body.sectionIds, request.locale),
  );

  api.get(
    '/api/me/selection',
    {
      schema: { tags, summary: '我的选课（可选教学班、余量、候补位次）/ my selection', response: { 200: r.mySelection } },
    },
    async (request) => mySelection(app, contextOf(request), request.locale),
  );

  api.post(
    '/api/me/selections',
    {
      schema: {
        tags,
        summary: '选课（先到先得，幂等）/ select a section',
        body: z.object({ sectionId: positiveId, requestId }),
        response: { 200: r.selectionAnswer, 409: errorBody },
      },
    },
    async (request, reply) => {
      const answer = await selectSection(app, contextOf(request), request.body.sectionId, request.body.requestId);
      return reply.status(answer.status).send(presentAnswer(answer, request.locale));
    },
  );

  api.post(
    '/api/me/selections/drop',
    {
      schema: {
        tags,
        summary: '退选或退出候补（幂等）/ drop a section',
        body: z.object({ sectionId: positiveId, requestId }),
        response: { 200: r.selectionAnswer, 409: errorBody },
      },
    },
    async (request, reply) => {
      const answer = await dropSection(app, contextOf(request), request.body.sectionId, request.body.requestId);
      return reply.status(answer.status).send(presentAnswer(answer, request.locale));
    },
  );

  api.get(
    '/api/me/timetable',
    {
      schema: { tags, summary: '我的课表 / my timetable', querystring: z.object({ termId: optionalId }), response: { 200: r.myTimetable } },
    },
    async (request) => myTimetable(app, contextOf(request), request.query.termId, request.locale),
  );

  api.get(
    '/api/me/timetable.ics',
    {
      schema: { tags, summary: '导出我的课表 (.ics) / my timetable as a calendar file', querystring: z.object({ termId: optionalId }) },
    },
    async (request, reply) => {
      const file = await myTimetableIcs(app, contextOf(request), request.query.termId, request.locale);
      return sendFile(reply, file.fileName, 'text/calendar; charset=utf-8', Buffer.from(file.body, 'utf8'));
    },
  );

  const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间为 HH:MM / a time is HH:MM');
  api.get(
    '/api/institutions/:id/period-times',
    {
      schema: { tags, summary: '作息时间表 / when each period begins and ends', params: idParam, response: { 200: r.periodTimetable } },
    },
    async (request) => getPeriodTimes(app, contextOf(request), request.params.id),
  );

  api.put(
    '/api/institutions/:id/period-times',
    {
      schema: {
        tags,
        summary: '修改作息时间表 / set when each period begins and ends',
        params: idParam,
        body: z.object({
          periods: z
            .array(z.object({ period: z.number().int().min(1).max(14), startsAt: clock, endsAt: clock }).strict())
            .min(1)
            .max(14),
        }),
        response: { 200: r.periodTimetable },
      },
    },
    async (request) => setPeriodTimes(app, contextOf(request), request.params.id, request.body.periods),
  );

  // ---- Grades and progress
  tags = ['grades'];
  api.get(
    '/api/sections/:id/grades',
    {
      schema: { tags, summary: '成绩登记册 / grade book', params: idParam, response: { 200: r.gradeBook } },
    },
    async (request) => gradeBook(app, contextOf(request), request.params.id),
  );

  api.put(
    '/api/sections/:id/grades',
    {
      schema: {
        tags,
        summary: '录入成绩（全部或全不）/ enter grades, all or none',
        params: idParam,
        body: z.object({
          entries: z
            .array(
              z.object({
                studentNo: z.string().trim().min(1).max(40),
                grade: z.union([z.string().trim().min(1).max(10), z.number()]),
              }),
            )
            .min(1)
            .max(2000),
          reason: z.string().trim().max(500).optional(),
        }),
        response: { 200: r.savedGrades },
      },
    },
    async (request) => saveGrades(app, contextOf(request), request.params.id, request.body.entries, request.locale, request.body.reason),
  );

  api.post(
    '/api/sections/:id/grades/upload',
    {
      schema: {
        tags,
        summary: '上传成绩表 .xlsx / upload a grade sheet',
        params: idParam,
        consumes: ['multipart/form-data'],
        response: { 200: r.savedGrades },
      },
    },
    async (request) => {
      requireActor(request.actor);
      const { data } = await readXlsxUpload(request, app.config.importMaxBytes);
      return uploadGrades(app, contextOf(request), request.params.id, data, request.locale);
    },
  );

  api.get(
    '/api/sections/:id/grades.xlsx',
    { schema: { tags, summary: '下载成绩表（含名单）/ download the grade sheet', params: idParam } },
    async (request, reply) => {
      const file = await gradeSheetWorkbook(app, contextOf(request), request.params.id, request.locale);
      return sendFile(reply, file.fileName, xlsxContentType, file.data);
    },
  );

  api.post(
    '/api/sections/:id/grades/publish',
    {
      schema: {
        tags,
        summary: '发布成绩并记录学分 / publish grades and record credits',
        params: idParam,
        response: { 200: r.publishedGrades },
      },
    },
    async (request) => publishGrades(app, contextOf(request), request.params.id),
  );

  api.get(
    '/api/me/progress',
    {
      schema: { tags, summary: '我的学业进度 / my progress against my programme', response: { 200: r.myProgress } },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      if (!actor.studentId) return { progress: null };
      return { progress: await studentProgress(app, contextOf(request), actor.studentId, request.locale) };
    },
  );

  api.get(
    '/api/students/:id/progress',
    {
      schema: { tags, summary: '学生学业进度 / a student’s progress', params: idParam, response: { 200: r.studentProgress } },
    },
    async (request) => studentProgress(app, contextOf(request), request.params.id, request.locale),
  );
}
