import { useTranslation } from 'react-i18next';

/** The cohorts a rule version covers, in words: "2023–2026 级" / "2027 级起" (for the 2023–2026 cohorts / from the 2027 cohort). */
export function useCohortRange() {
  const { t } = useTranslation();
  return (version: { effectiveFromCohort: number | null; lastCohort: number | null }) =>
    version.effectiveFromCohort === null
      ? ''
      : version.lastCohort === null
        ? t('creditRules.fromCohort', { from: version.effectiveFromCohort })
        : t('creditRules.cohortRange', { from: version.effectiveFromCohort, to: version.lastCohort });
}
