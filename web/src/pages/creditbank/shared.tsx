/** Small pieces the credit-bank pages share: labels, tags, catalogue look-ups, the cluster picker. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Select, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth.tsx';
import {
  api,
  creditbankApi,
  type CertificateLevel,
  type Certificate,
  type ClaimStatus,
  type ClusterNode,
  type Competition,
  type CompetitionLevel,
  type Course,
  type LedgerCategory,
  type Outcome,
  type OutcomeKind,
  type Prize,
} from '../../api.ts';

export const certificateLevels: CertificateLevel[] = ['junior', 'intermediate', 'senior', 'technician_prep', 'technician'];
export const competitionLevels: CompetitionLevel[] = ['national', 'provincial', 'municipal', 'school'];
export const prizes: Prize[] = ['first', 'second', 'third', 'excellence'];
export const outcomeKinds: OutcomeKind[] = ['certificate', 'competition', 'course_credit'];
export const claimStatuses: ClaimStatus[] = ['submitted', 'verified', 'granted', 'rejected', 'reversed'];

export const levelRank = (level: CertificateLevel) => certificateLevels.indexOf(level) + 1;

const claimStatusColors: Record<ClaimStatus, string> = {
  submitted: 'processing',
  verified: 'cyan',
  granted: 'success',
  rejected: 'error',
  reversed: 'default',
};
const categoryColors: Record<LedgerCategory, string> = { course: 'blue', certificate: 'green', competition: 'gold', exemption: 'purple' };

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={claimStatusColors[status]} data-testid="claim-status" data-status={status}>
      {t(`creditbank.claimStatus.${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: LedgerCategory }) {
  const { t } = useTranslation();
  return <Tag color={categoryColors[category]}>{t(`creditbank.category.${category}`)}</Tag>;
}

/** The first characters of a ledger hash, the whole hash on hover. */
export function ShortHash({ hash }: { hash: string | null | undefined }) {
  if (!hash) return <span>—</span>;
  return (
    <Tooltip title={hash}>
      <Typography.Text code copyable={{ text: hash }}>
        {hash.slice(0, 12)}
      </Typography.Text>
    </Tooltip>
  );
}

/** Credits with a sign for ledger rows (+4 / −4). */
export function signedCredits(credits: number): string {
  return credits > 0 ? `+${credits}` : credits < 0 ? `−${Math.abs(credits)}` : '0';
}

/** A certificate's name in the UI language. */
export function certificateName(certificate: Pick<Certificate, 'name' | 'nameEn'>, language: string): string {
  return language === 'en' && certificate.nameEn ? certificate.nameEn : certificate.name;
}

/** The certificate and competition catalogues, with look-ups by id. */
export function useCatalogue() {
  const [certificates, setCertificates] = useState<Certificate[]>([]);
  const [competitions, setCompetitions] = useState<Competition[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      const [certificateList, competitionList] = await Promise.all([creditbankApi.certificates(), creditbankApi.competitions()]);
      setCertificates(certificateList);
      setCompetitions(competitionList);
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return useMemo(
    () => ({
      certificates,
      competitions,
      error,
      reload,
      certificate: (id: number | null | undefined) => certificates.find((row) => row.id === id) ?? null,
      competition: (id: number | null | undefined) => competitions.find((row) => row.id === id) ?? null,
    }),
    [certificates, competitions, error, reload],
  );
}
export type Catalogue = ReturnType<typeof useCatalogue>;

/** What an outcome is, in words: "工业互联网网络运维 · 中级" / "海河工匠杯 · 一等奖" / "课程学分 3". */
export function useOutcomeText(catalogue: Catalogue) {
  const { t, i18n } = useTranslation();
  return useCallback(
    (outcome: Pick<Outcome, 'kind' | 'certificateId' | 'level' | 'competitionId' | 'prize' | 'courseCredits'>) => {
      if (outcome.kind === 'certificate') {
        const certificate = catalogue.certificate(outcome.certificateId);
        return {
          name: certificate ? certificateName(certificate, i18n.language) : `#${outcome.certificateId}`,
          grade: outcome.level ? t(`creditbank.level.${outcome.level}`) : '—',
        };
      }
      if (outcome.kind === 'competition') {
        const competition = catalogue.competition(outcome.competitionId);
        return {
          name: competition?.name ?? `#${outcome.competitionId}`,
          grade: outcome.prize ? t(`creditbank.prize.${outcome.prize}`) : '—',
        };
      }
      return { name: t('creditbank.courseCredit', { credits: outcome.courseCredits ?? 0 }), grade: '—' };
    },
    [catalogue, t, i18n.language],
  );
}

/** The course pool by id, where the user may read it (`course.read`; students may not, and get an empty map). */
export function useCoursePool(enabled: boolean, clusterId?: number) {
  const [courses, setCourses] = useState<Course[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    (async () => {
      const all: Course[] = [];
      for (let page = 1; page <= 20; page += 1) {
        const result = await api.courses({ page, pageSize: 200, clusterId });
        all.push(...result.items);
        if (all.length >= result.total || result.items.length === 0) break;
      }
      return all;
    })()
      .then((all) => {
        if (!cancelled) setCourses(all);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setLoaded(true);
      });
    return () => {
      cancelled = true;
    };
  }, [enabled, clusterId]);
  return useMemo(() => {
    const byId = new Map(courses.map((course) => [course.id, course]));
    return { courses, loaded, course: (id: number | null | undefined) => (id ? (byId.get(id) ?? null) : null) };
  }, [courses, loaded]);
}

/** The catalogues, the course pool where readable, and how to name an outcome and a course. */
export function useOutcomeLabels() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const catalogue = useCatalogue();
  const pool = useCoursePool(can('course.read'));
  const outcomeText = useOutcomeText(catalogue);
  const mappedCourses = useMemo(
    () => new Map(catalogue.certificates.flatMap((certificate) => certificate.mappings).map((mapping) => [mapping.courseId, mapping])),
    [catalogue.certificates],
  );
  const courseLabel = useCallback(
    (courseId: number) => {
      const course = pool.course(courseId);
      if (course) return `${course.code} ${course.name}`;
      const mapped = mappedCourses.get(courseId);
      if (mapped?.courseCode) return `${mapped.courseCode} ${(i18n.language === 'en' && mapped.courseNameEn) || mapped.courseName}`;
      return t('creditbank.courseNo', { id: courseId });
    },
    [pool, mappedCourses, t, i18n.language],
  );
  return { catalogue, pool, outcomeText, courseLabel };
}

/** The clusters the user may see, for a picker; picks the first one. */
export function useClusters() {
  const [clusters, setClusters] = useState<ClusterNode[] | null>(null);
  const [clusterId, setClusterId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .clusterTree()
      .then((tree) => {
        setClusters(tree);
        setClusterId((current) => current ?? tree[0]?.id ?? null);
      })
      .catch((caught) => {
        setClusters([]);
        setError(caught);
      });
  }, []);
  return { clusters, clusterId, setClusterId, error };
}

export function ClusterPicker({
  clusters,
  value,
  onChange,
}: {
  clusters: ClusterNode[] | null;
  value: number | null;
  onChange: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      data-testid="cluster-picker"
      style={{ minWidth: 260 }}
      loading={clusters === null}
      value={value ?? undefined}
      placeholder={t('creditbank.pickCluster')}
      onChange={onChange}
      options={(clusters ?? []).map((cluster) => ({ value: cluster.id, label: cluster.name }))}
    />
  );
}
