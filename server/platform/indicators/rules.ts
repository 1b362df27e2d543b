/** Pure rules of the indicator registry: threshold bands and warning levels. */

export type Comparison = '>=' | '<=';
export type WarningLevel = 'met' | 'yellow' | 'orange' | 'red';

/**
 * Two bounds split a shortfall into tiers (分级预警): a value that misses the target but still meets
 * `yellow` is a yellow warning, one that meets `orange` an orange warning, anything worse is red.
 */
export interface ThresholdBands {
  yellow: number;
  orange: number;
}

export const defaultBandFactors = { '>=': { yellow: 0.9, orange: 0.75 }, '<=': { yellow: 1.1, orange: 1.25 } } as const;

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function defaultBands(target: number, comparison: Comparison): ThresholdBands {
  const factors = defaultBandFactors[comparison];
  return { yellow: round(target * factors.yellow), orange: round(target * factors.orange) };
}

const meets = (value: number, bound: number, comparison: Comparison) => (comparison === '>=' ? value >= bound : value <= bound);

export function classify(value: number, target: number, comparison: Comparison, bands: ThresholdBands): WarningLevel {
  if (meets(value, target, comparison)) return 'met';
  if (meets(value, bands.yellow, comparison)) return 'yellow';
  if (meets(value, bands.orange, comparison)) return 'orange';
  return 'red';
}

/** Bands must lie on the failing side of the target, yellow nearer to it than orange. */
export function bandsAreOrdered(target: number, comparison: Comparison, bands: ThresholdBands): boolean {
  return comparison === '>='
    ? target >= bands.yellow && bands.yellow >= bands.orange
    : target <= bands.yellow && bands.yellow <= bands.orange;
}

export const periodPattern = /^[0-9]{4}(-[0-9]{4})?(-[12])?$/;

/** The academic year ("2025-2026", 1 September to 31 August) a moment falls in, on Beijing's calendar. */
export function academicYearOf(moment: Date): string {
  const beijing = new Date(moment.getTime() + 8 * 3600_000);
  const start = beijing.getUTCMonth() >= 8 ? beijing.getUTCFullYear() : beijing.getUTCFullYear() - 1;
  return `${start}-${start + 1}`;
}

/**
 * The periods the scheduler computes: the academic year in progress and the one before it (the year an
 * annual quality report describes, whose data still arrive in its first months, e.g. late grades).
 */
export function scheduledPeriods(moment: Date): string[] {
  const current = academicYearOf(moment);
  const start = Number(current.slice(0, 4));
  return [current, `${start - 1}-${start}`];
}
