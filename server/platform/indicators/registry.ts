import type { Db } from '../../db/connection.ts';
import type { Bilingual } from '../imports/definition.ts';
import type { Comparison } from './rules.ts';

export const dimensions = ['课程体系贯通', '实训基地融通', '四能型教师流通', '证书互认互通', '集群基础'] as const;
export type Dimension = (typeof dimensions)[number];
/** The dimensions' names in both languages (the section titles of the indicators page and of reports). */
export const dimensionLabels: Record<Dimension, Bilingual> = {
  课程体系贯通: { 'zh-CN': '课程体系贯通', en: 'Connected course system' },
  实训基地融通: { 'zh-CN': '实训基地融通', en: 'Shared training bases' },
  四能型教师流通: { 'zh-CN': '四能型教师流通', en: 'Circulating four-ability teachers' },
  证书互认互通: { 'zh-CN': '证书互认互通', en: 'Mutually recognised certificates' },
  集群基础: { 'zh-CN': '集群基础', en: 'Cluster foundations' },
};
export type UnitType = 'cluster' | 'group' | 'major' | 'teacher';

export interface IndicatorUnit {
  type: UnitType;
  id: number;
  institutionId: number;
}

export interface ComputedValue {
  value: number;
  /** The counts and ids the value was computed from, stored with the measurement. */
  inputs: Record<string, unknown>;
}

export type ComputeIndicator = (db: Db, unit: IndicatorUnit, period: string) => Promise<ComputedValue>;

export interface IndicatorDefinition {
  key: string;
  module: string;
  name: Bilingual;
  dimension: Dimension;
  /** ratio (0–1), count, credits … */
  unit: 'ratio' | 'count' | 'credits' | 'items';
  unitTypes: UnitType[];
  monitoringSource: Bilingual;
  defaultTarget: number;
  comparison: Comparison;
  /** What is counted, over what: shown in the UI beside the value. */
  definition: Bilingual;
  compute?: ComputeIndicator;
}

export class IndicatorRegistry {
  private readonly definitions = new Map<string, IndicatorDefinition>();

  register(definition: IndicatorDefinition): void {
    if (this.definitions.has(definition.key)) throw new Error(`Indicator ${definition.key} registered twice`);
    this.definitions.set(definition.key, definition);
  }

  /** A later module supplies the computation of an indicator registered earlier (e.g. 表 1 rows). */
  attachCompute(key: string, compute: ComputeIndicator, refine: Partial<Pick<IndicatorDefinition, 'definition' | 'unitTypes'>> = {}): void {
    const definition = this.definitions.get(key);
    if (!definition) throw new Error(`Unknown indicator ${key}`);
    Object.assign(definition, refine);
    definition.compute = compute;
  }

  get(key: string): IndicatorDefinition | undefined {
    return this.definitions.get(key);
  }

  list(): IndicatorDefinition[] {
    return [...this.definitions.values()];
  }
}
