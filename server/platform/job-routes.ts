/** 定时任务 for admins: the registered jobs with their state, run history, failed runs, and "run now". */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { authorize, requireActor, type Actor } from './access.ts';
import { AppError } from './errors.ts';
import { bilingual, isoTime } from './http.ts';
import { failedRuns, jobRuns, listJobs } from './job-service.ts';

const tags = ['platform'];

export const jobRunSchema = z.object({
  id: z.number(),
  job: z.string(),
  dueAt: isoTime,
  attempt: z.number(),
  trigger: z.enum(['schedule', 'retry', 'manual']),
  owner: z.string(),
  requestedBy: z.number().nullable(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  durationMs: z.number().nullable(),
  status: z.enum(['running', 'succeeded', 'failed', 'abandoned']),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});

const jobSchema = z.object({
  name: z.string(),
  module: z.string(),
  title: bilingual,
  schedule: z.string(),
  enabled: z.boolean(),
  nextRunAt: isoTime.nullable(),
  running: z.boolean(),
  attempt: z.number(),
  lastRun: jobRunSchema.nullable(),
  failuresLastDay: z.number(),
});

const jobName = z.object({
  name: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/),
});

export async function jobRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const authorizeJobs = async (actor: Actor | null): Promise<Actor> => {
    const who = requireActor(actor);
    return authorize(who, 'jobs.manage', { type: 'institution', id: who.institutionId ?? 0 }, await app.scopes.get());
  };

  api.get(
    '/api/admin/jobs',
    {
      schema: { tags, summary: '定时任务及其状态 / scheduled jobs and their state', response: { 200: z.array(jobSchema) } },
    },
    async (request) => {
      await authorizeJobs(request.actor);
      return listJobs(app);
    },
  );

  api.get(
    '/api/admin/jobs/:name/runs',
    {
      schema: {
        tags,
        summary: '任务运行记录 / a job’s run history',
        params: jobName,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(jobRunSchema) },
      },
    },
    async (request) => {
      await authorizeJobs(request.actor);
      if (!app.jobs.get(request.params.name)) throw new AppError(404, 'NOT_FOUND', 'jobs.unknown', { name: request.params.name });
      return jobRuns(app, request.params.name, request.query.limit);
    },
  );

  api.get(
    '/api/admin/job-runs/failed',
    {
      schema: {
        tags,
        summary: '最近失败的任务运行 / recent failed runs',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }),
        response: { 200: z.array(jobRunSchema) },
      },
    },
    async (request) => {
      await authorizeJobs(request.actor);
      return failedRuns(app, request.query.days);
    },
  );

  api.post(
    '/api/admin/jobs/:name/run',
    {
      schema: { tags, summary: '立即运行 / run now', params: jobName, response: { 202: z.object({ runId: z.number() }) } },
    },
    async (request, reply) => {
      const actor = await authorizeJobs(request.actor);
      if (!app.jobs.get(request.params.name)) throw new AppError(404, 'NOT_FOUND', 'jobs.unknown', { name: request.params.name });
      const { runId } = await app.jobs.runNow(request.params.name, actor.userId);
      return reply.status(202).send({ runId });
    },
  );
}
