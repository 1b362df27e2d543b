import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authorize, authorizeWithinInstitution, requireActor } from '../access.ts';
import { notFound } from '../errors.ts';
import { contextOf } from '../http.ts';
import { computeMeasurement, effectiveTargets, latestMeasurements, recomputeCluster, setTarget } from './service.ts';
import * as r from '../responses.ts';
import { dimensionLabels, dimensions } from './registry.ts';
import { periodPattern } from './rules.ts';

const tags = ['indicators'];
const period = z.string().regex(periodPattern, '学年如 2025-2026，学期如 2025-2026-1');
const comparison = z.enum(['>=', '<=']);
const unitType = z.enum(['cluster', 'group', 'major', 'teacher']);

export async function indicatorRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/indicators',
    { schema: { tags, summary: '指标注册表 / the indicator registry', response: { 200: r.indicatorList } } },
    async (request) => {
      requireActor(request.actor);
      // In the order of 表 1's dimensions (the page's sections), each module's rows in registration order.
      const order = (dimension: string) => dimensions.indexOf(dimension as (typeof dimensions)[number]);
      return app.indicators
        .list()
        .map((definition, index) => ({ definition, index }))
        .sort((a, b) => order(a.definition.dimension) - order(b.definition.dimension) || a.index - b.index)
        .map(({ definition: { compute, ...definition } }) => ({
          ...definition,
          dimensionName: dimensionLabels[definition.dimension],
          computable: Boolean(compute),
        }));
    },
  );

  api.get(
    '/api/clusters/:clusterId/indicator-targets',
    {
      schema: {
        tags,
        summary: '集群某周期的目标值与阈值区间 / targets and bands of a cluster and period',
        params: z.object({ clusterId: z.coerce.number().int().positive() }),
        querystring: z.object({ period }),
        response: { 200: r.indicatorTargets },
      },
    },
    async (request) => {
      const tree = await app.scopes.get();
      const scope = { type: 'cluster' as const, id: request.params.clusterId };
      if (!tree.has(scope)) throw notFound('cluster', request.params.clusterId);
      authorize(request.actor, 'indicator.read', scope, tree);
      return effectiveTargets(app.db, app.indicators, request.params.clusterId, request.query.period);
    },
  );

  api.put(
    '/api/clusters/:clusterId/indicator-targets/:key',
    {
      schema: {
        tags,
        summary: '设置目标值与阈值区间 / set a target and its bands',
        params: z.object({ clusterId: z.coerce.number().int().positive(), key: z.string().min(1).max(100) }),
        body: z.object({
          period,
          target: z.number().finite().min(0).max(1e9),
          comparison,
          bands: z.object({ yellow: z.number().finite(), orange: z.number().finite() }).optional(),
        }),
        response: { 200: r.indicatorTarget },
      },
    },
    async (request) => {
      const tree = await app.scopes.get();
      const scope = { type: 'cluster' as const, id: request.params.clusterId };
      if (!tree.has(scope)) throw notFound('cluster', request.params.clusterId);
      return setTarget(app, contextOf(request), {
        clusterId: request.params.clusterId,
        institutionId: tree.institutionOf(scope)!,
        period: request.body.period,
        indicatorKey: request.params.key,
        target: request.body.target,
        comparison: request.body.comparison,
        bands: request.body.bands,
      });
    },
  );

  api.post(
    '/api/measurements',
    {
      schema: {
        tags,
        summary: '计算并保存一个测量值 / compute and store a measurement',
        body: z.object({ indicatorKey: z.string().min(1).max(100), unitType, unitId: z.number().int().positive(), period }),
        response: { 201: r.measurement },
      },
    },
    async (request, reply) => {
      requireActor(request.actor);
      return reply.status(201).send(await computeMeasurement(app, contextOf(request), request.body));
    },
  );

  api.post(
    '/api/clusters/:clusterId/indicators/recompute',
    {
      schema: {
        tags,
        summary: '重新计算集群的全部可计算指标 / recompute every computable indicator of a cluster',
        params: z.object({ clusterId: z.coerce.number().int().positive() }),
        body: z.object({ period }).strict(),
        response: { 200: r.recomputation },
      },
    },
    async (request) => {
      requireActor(request.actor);
      return recomputeCluster(app, contextOf(request), request.params.clusterId, request.body.period);
    },
  );

  api.get(
    '/api/measurements',
    {
      schema: {
        tags,
        summary: '最新测量值 / latest measurements',
        querystring: z.object({
          unitType: unitType.optional(),
          unitId: z.coerce.number().int().positive().optional(),
          period: period.optional(),
        }),
        response: { 200: z.array(r.measurement) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const tree = await app.scopes.get();
      const institutionId = actor.institutionId ?? 0;
      authorizeWithinInstitution(actor, 'indicator.read', institutionId, tree);
      return latestMeasurements(app.db, { ...request.query, institutionId });
    },
  );
}
