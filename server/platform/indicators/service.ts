import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorize, type ScopeRef } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { indicators, indicatorTargets, measurements } from '../schema.ts';
import type { IndicatorDefinition, IndicatorRegistry, UnitType } from './registry.ts';
import { bandsAreOrdered, classify, defaultBands, type Comparison, type ThresholdBands } from './rules.ts';

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
  const computed = await definition.compute(app.db, { type: input.unitType, id: input.unitId, institutionId }, input.period);
  const target = clusterId
    ? (await effectiveTargets(app.db, app.indicators, clusterId, input.period)).find((t) => t.indicatorKey === definition.key)!
    : {
        target: definition.defaultTarget,
        comparison: definition.comparison,
        bands: defaultBands(definition.defaultTarget, definition.comparison),
      };
  const level = classify(computed.value, target.target, target.comparison, target.bands);
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(measurements)
      .values({
        institutionId,
        indicatorKey: definition.key,
        unitType: input.unitType,
        unitId: input.unitId,
        period: input.period,
        value: computed.value,
        inputs: computed.inputs,
        target: target.target,
        comparison: target.comparison,
        level,
        computedBy: request.actor!.userId,
      })
      .returning();
    await recordAudit(tx, request, {
      action: 'indicator.measure',
      entity: 'measurement',
      entityId: row!.id,
      institutionId,
      summary: `计算指标 ${definition.name['zh-CN']}（${input.unitType} ${input.unitId}，${input.period}）= ${computed.value}`,
      after: { value: computed.value, level, inputs: computed.inputs },
    });
    return row!;
  });
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
