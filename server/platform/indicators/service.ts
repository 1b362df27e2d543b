import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, type ScopeRef } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { indicators, indicatorTargets, measurements } from '../schema.ts';
import type { IndicatorDefinition, IndicatorRegistry, UnitType } from './registry.ts';
import { bandsAreOrdered, classify, defaultBands, scheduledPeriods, type Comparison, type ThresholdBands } from './rules.ts';

/** Writes the registry's definitions to the database so that reports and SQL can join on them. */
export async function syncIndicatorDefinitions(db: Db, registry: IndicatorRegistry): Promise<void> {
  for (const definition of registry.list()) {
    const row = {
      key: definition.key,
      module: definition.module,
      nameZh: definition.name['zh-CN'],
      nameEn: definition.name.en,
      dimension: definition.dimension,
      unit: definition.unit,
      unitTypes: definition.unitTypes,
      monitoringSource: definition.monitoringSource['zh-CN'],
      defaultTarget: definition.defaultTarget,
      defaultComparison: definition.comparison,
      definitionZh: definition.definition['zh-CN'],
      definitionEn: definition.definition.en,
      computable: Boolean(definition.compute),
    };
    await db.insert(indicators).values(row).onConflictDoUpdate({ target: indicators.key, set: row });
  }
}

function requireDefinition(registry: IndicatorRegistry, key: string): IndicatorDefinition {
  const definition = registry.get(key);
  if (!definition) throw notFound('indicator', key);
  return definition;
}

export interface EffectiveTarget {
  indicatorKey: string;
  target: number;
  comparison: Comparison;
  bands: ThresholdBands;
  isDefault: boolean;
  updatedAt: Date | null;
}

export async function effectiveTargets(db: Db, registry: IndicatorRegistry, clusterId: number, period: string): Promise<EffectiveTarget[]> {
  const stored = await db
    .select()
    .from(indicatorTargets)
    .where(and(eq(indicatorTargets.clusterId, clusterId), eq(indicatorTargets.period, period)));
  return registry.list().map((definition) => {
    const row = stored.find((candidate) => candidate.indicatorKey === definition.key);
    if (row) {
      return {
        indicatorKey: definition.key,
        target: row.target,
        comparison: row.comparison as Comparison,
        bands: row.bands as ThresholdBands,
        isDefault: false,
        updatedAt: row.updatedAt,
      };
    }
    return {
      indicatorKey: definition.key,
      target: definition.defaultTarget,
      comparison: definition.comparison,
      bands: defaultBands(definition.defaultTarget, definition.comparison),
      isDefault: true,
      updatedAt: null,
    };
  });
}

export async function setTarget(
  app: AppContext,
  request: RequestContext,
  input: {
    clusterId: number;
    institutionId: number;
    period: string;
    indicatorKey: string;
    target: number;
    comparison: Comparison;
    bands?: ThresholdBands;
  },
) {
  const definition = requireDefinition(app.indicators, input.indicatorKey);
  authorize(request.actor, 'indicator.configure', { type: 'cluster', id: input.clusterId }, await app.scopes.get());
  const bands = input.bands ?? defaultBands(input.target, input.comparison);
  if (!bandsAreOrdered(input.target, input.comparison, bands)) throw new AppError(400, 'BAD_BANDS', 'indicator.bad_bands');
  return app.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(indicatorTargets)
      .where(
        and(
          eq(indicatorTargets.clusterId, input.clusterId),
          eq(indicatorTargets.period, input.period),
          eq(indicatorTargets.indicatorKey, definition.key),
        ),
      );
    const values = {
      institutionId: input.institutionId,
      clusterId: input.clusterId,
      period: input.period,
      indicatorKey: definition.key,
      target: input.target,
      comparison: input.comparison,
      bands,
      updatedBy: request.actor!.userId,
      updatedAt: new Date(),
    };
    const [after] = await tx
      .insert(indicatorTargets)
      .values(values)
      .onConflictDoUpdate({
        target: [indicatorTargets.clusterId, indicatorTargets.period, indicatorTargets.indicatorKey],
        set: {
          target: values.target,
          comparison: values.comparison,
          bands: values.bands,
          updatedBy: values.updatedBy,
          updatedAt: values.updatedAt,
        },
      })
      .returning();
    await recordAudit(tx, request, {
      action: before ? 'indicator_target.update' : 'indicator_target.create',
      entity: 'indicator_target',
      entityId: after!.id,
      institutionId: input.institutionId,
      summary: `${definition.name['zh-CN']}（${input.period}）目标值 ${input.target}`,
      before: before
        ? { target: before.target, comparison: before.comparison, bands: before.bands }
        : { target: definition.defaultTarget, comparison: definition.comparison, default: true },
      after: { target: after!.target, comparison: after!.comparison, bands: after!.bands },
    });
    return after!;
  });
}

/** The target and bands a value is classified against: the cluster's for the period, else the registry's default. */
async function targetFor(app: AppContext, definition: IndicatorDefinition, clusterId: number | undefined, period: string) {
  if (clusterId) return (await effectiveTargets(app.db, app.indicators, clusterId, period)).find((t) => t.indicatorKey === definition.key)!;
  return {
    target: definition.defaultTarget,
    comparison: definition.comparison,
    bands: defaultBands(definition.defaultTarget, definition.comparison),
  };
}

/** Computes one indicator for one unit (reading outside any transaction) and returns the row to store. */
async function evaluate(
  app: AppContext,
  definition: IndicatorDefinition,
  unit: { type: UnitType; id: number; institutionId: number },
  clusterId: number | undefined,
  period: string,
  computedBy: number | null,
) {
  const computed = await definition.compute!(app.db, unit, period);
  const target = await targetFor(app, definition, clusterId, period);
  return {
    institutionId: unit.institutionId,
    indicatorKey: definition.key,
    unitType: unit.type,
    unitId: unit.id,
    period,
    value: computed.value,
    inputs: computed.inputs,
    target: target.target,
    comparison: target.comparison,
    level: classify(computed.value, target.target, target.comparison, target.bands),
    computedBy,
  };
}

/** Computes an indicator for one unit and period from the platform's data and stores the measurement. */
export async function computeMeasurement(
  app: AppContext,
  request: RequestContext,
  input: { indicatorKey: string; unitType: UnitType; unitId: number; period: string },
) {
  const definition = requireDefinition(app.indicators, input.indicatorKey);
  if (!definition.unitTypes.includes(input.unitType)) {
    throw new AppError(400, 'UNIT_NOT_SUPPORTED', 'indicator.unit_not_supported', { unitType: input.unitType });
  }
  const tree = await app.scopes.get();
  const scope: ScopeRef =
    input.unitType === 'teacher'
      ? { type: 'institution', id: request.actor?.institutionId ?? 0 }
      : { type: input.unitType, id: input.unitId };
  if (!tree.has(scope)) throw notFound(input.unitType, input.unitId);
  authorize(request.actor, 'indicator.compute', scope, tree);
  if (!definition.compute) throw new AppError(409, 'NOT_COMPUTABLE', 'indicator.not_computable', { name: definition.name['zh-CN'] });
  const institutionId = tree.institutionOf(scope)!;
  const clusterId = tree.chain(scope).find((node) => node.type === 'cluster')?.id;
  const values = await evaluate(
    app,
    definition,
    { type: input.unitType, id: input.unitId, institutionId },
    clusterId,
    input.period,
    request.actor!.userId,
  );
  return app.db.transaction(async (tx) => {
    const [row] = await tx.insert(measurements).values(values).returning();
    await recordAudit(tx, request, {
      action: 'indicator.measure',
      entity: 'measurement',
      entityId: row!.id,
      institutionId,
      summary: `计算指标 ${definition.name['zh-CN']}（${input.unitType} ${input.unitId}，${input.period}）= ${values.value}`,
      after: { value: values.value, level: values.level, inputs: values.inputs },
    });
    return row!;
  });
}

/** The indicators a cluster-wide recomputation covers: every registered one with a computation that applies to a cluster. */
export function clusterComputable(registry: IndicatorRegistry): IndicatorDefinition[] {
  return registry.list().filter((definition) => definition.compute && definition.unitTypes.includes('cluster'));
}

export interface Recomputation {
  clusterId: number;
  period: string;
  measurements: Array<typeof measurements.$inferSelect>;
  /** Indicators whose computation threw: the others are stored all the same. */
  failed: Array<{ indicatorKey: string; error: string }>;
}

/**
 * Computes every computable indicator of a cluster for a period and stores the measurements, with one
 * audit entry: the 重新计算 button (indicator.configure on the cluster) and the scheduler (no actor).
 */
export async function recomputeCluster(
  app: AppContext,
  request: RequestContext,
  clusterId: number,
  period: string,
): Promise<Recomputation> {
  const tree = await app.scopes.get();
  const scope: ScopeRef = { type: 'cluster', id: clusterId };
  if (!tree.has(scope)) throw notFound('cluster', clusterId);
  if (request.actor) authorize(request.actor, 'indicator.configure', scope, tree);
  const institutionId = tree.institutionOf(scope)!;
  const rows: Array<Awaited<ReturnType<typeof evaluate>>> = [];
  const failed: Recomputation['failed'] = [];
  for (const definition of clusterComputable(app.indicators)) {
    try {
      rows.push(
        await evaluate(
          app,
          definition,
          { type: 'cluster', id: clusterId, institutionId },
          clusterId,
          period,
          request.actor?.userId ?? null,
        ),
      );
    } catch (error) {
      failed.push({ indicatorKey: definition.key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const label = (await clusterLabel(app, clusterId)) ?? `专业集群 ${clusterId}`;
  const stored = await app.db.transaction(async (tx) => {
    const inserted = rows.length > 0 ? await tx.insert(measurements).values(rows).returning() : [];
    await recordAudit(tx, request, {
      action: 'indicator.recompute',
      entity: 'cluster',
      entityId: clusterId,
      institutionId,
      summary: `${request.actor ? '' : '定时'}重新计算${label}的 ${inserted.length} 项指标（${period}）${failed.length > 0 ? `，${failed.length} 项失败` : ''}`,
      after: {
        period,
        values: Object.fromEntries(inserted.map((row) => [row.indicatorKey, { value: row.value, level: row.level }])),
        failed,
      },
    });
    return inserted;
  });
  return { clusterId, period, measurements: stored, failed };
}

async function clusterLabel(app: AppContext, clusterId: number): Promise<string | undefined> {
  const source = app.modules.find((manifest) => manifest.scopeLabels);
  if (!source) return undefined;
  return (await source.scopeLabels!(app.db, [{ type: 'cluster', id: clusterId }])).get(`cluster:${clusterId}`);
}

/** The scheduler's run: every cluster, the academic year in progress and the one before. */
export async function scheduledRecomputation(app: AppContext, now = new Date()) {
  const tree = await app.scopes.get();
  const clusters = tree.ofType('cluster').sort((a, b) => a - b);
  const periods = scheduledPeriods(now);
  let stored = 0;
  const failed: Array<{ clusterId: number; period: string; indicatorKey: string; error: string }> = [];
  for (const clusterId of clusters) {
    for (const period of periods) {
      const run = await recomputeCluster(app, { actor: null, requestId: 'scheduled-indicators' }, clusterId, period);
      stored += run.measurements.length;
      failed.push(...run.failed.map((failure) => ({ clusterId, period, ...failure })));
    }
  }
  // The values that could be computed are stored; a failure makes the run fail (kept in job_runs, retried).
  if (failed.length > 0) throw new Error(`Indicators failed: ${JSON.stringify(failed).slice(0, 1500)}`);
  return { clusters: clusters.length, periods, measurements: stored };
}

export async function latestMeasurements(db: Db, filter: { unitType?: UnitType; unitId?: number; period?: string; institutionId: number }) {
  const conditions = [eq(measurements.institutionId, filter.institutionId)];
  if (filter.unitType) conditions.push(eq(measurements.unitType, filter.unitType));
  if (filter.unitId) conditions.push(eq(measurements.unitId, filter.unitId));
  if (filter.period) conditions.push(eq(measurements.period, filter.period));
  return db
    .selectDistinctOn([measurements.indicatorKey, measurements.unitType, measurements.unitId, measurements.period])
    .from(measurements)
    .where(and(...conditions))
    .orderBy(
      measurements.indicatorKey,
      measurements.unitType,
      measurements.unitId,
      measurements.period,
      desc(measurements.computedAt),
      desc(measurements.id),
    )
    .limit(500);
}
