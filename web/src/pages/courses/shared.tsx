/** Small pieces the course, programme, selection and grade pages share. */
import { useEffect, useMemo, useState } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { marks } from '../../lib/format.ts';
import {
  api,
  type ClusterNode,
  type CourseLayer,
  type Meeting,
  type ProgrammeStatus,
  type SelectionMode,
  type WindowPhase,
} from '../../api.ts';

export const layers: CourseLayer[] = ['shared', 'core', 'extension'];
export const moduleTypes = ['ideology_culture', 'professional', 'extension', 'innovation'] as const;
export const programmeStatuses: ProgrammeStatus[] = ['draft', 'submitted', 'approved', 'published'];

const layerColors: Record<CourseLayer, string> = { shared: 'blue', core: 'green', extension: 'purple' };
const statusColors: Record<ProgrammeStatus, string> = { draft: 'default', submitted: 'processing', approved: 'cyan', published: 'success' };
const phaseColors: Record<WindowPhase, string> = {
  upcoming: 'default',
  open: 'success',
  awaiting_draw: 'warning',
  adjusting: 'processing',
  closed: 'default',
};

/** The layer as a tag: short text in tables (the full name on hover), `full` for details. */
export function LayerTag({ layer, full = false }: { layer: CourseLayer; full?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={layerColors[layer]} data-testid={`layer-${layer}`} title={t(`layer.${layer}`)}>
      {t(full ? `layer.${layer}` : `layerShort.${layer}`)}
    </Tag>
  );
}

export function ProgrammeStatusTag({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid="programme-status">
      {t(`programmeStatus.${status}`)}
    </Tag>
  );
}

export function PhaseTag({ phase }: { phase: WindowPhase }) {
  const { t } = useTranslation();
  return (
    <Tag color={phaseColors[phase]} data-testid={`phase-${phase}`}>
      {t(`windowPhase.${phase}`)}
    </Tag>
  );
}

export function ModeTag({ mode }: { mode: SelectionMode }) {
  const { t } = useTranslation();
  return <Tag color={mode === 'lottery' ? 'magenta' : 'geekblue'}>{t(`windowMode.${mode}`)}</Tag>;
}

/** "周一 1–2 节（1–16 周）" / "Mon periods 1–2 (weeks 1–16)". */
export function useMeetingText() {
  const { t, i18n } = useTranslation();
  return (meetings: Meeting[]) =>
    meetings.length === 0
      ? '—'
      : meetings
          .map((meeting) =>
            t('schedule.meeting', {
              day: t(`weekday.${meeting.weekday}`),
              first: meeting.firstPeriod,
              last: meeting.lastPeriod,
              firstWeek: meeting.firstWeek,
              lastWeek: meeting.lastWeek,
            }),
          )
          .join(marks(i18n.language).semicolon);
}

/** The cluster tree (for group and major names); empty when the user may not read it. */
export function useClusterTree() {
  const [tree, setTree] = useState<ClusterNode[]>([]);
  useEffect(() => {
    let cancelled = false;
    api
      .clusterTree()
      .then((result) => {
        if (!cancelled) setTree(result);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return useMemo(() => {
    const groups = tree.flatMap((cluster) => cluster.groups);
    const majors = groups.flatMap((group) => group.majors.map((major) => ({ ...major, groupId: group.id, groupName: group.name })));
    return {
      tree,
      groups,
      groupName: (id: number | null | undefined) => groups.find((group) => group.id === id)?.name ?? null,
      groupShortName: (id: number | null | undefined) => {
        const group = groups.find((entry) => entry.id === id);
        return group ? (group.shortName ?? group.name) : null;
      },
      major: (id: number) => majors.find((major) => major.id === id) ?? null,
      majorOptions: tree.flatMap((cluster) =>
        cluster.groups.map((group) => ({
          label: group.name,
          title: group.name,
          options: group.majors.map((major) => ({ value: major.id, label: `${major.code} ${major.name}` })),
        })),
      ),
    };
  }, [tree]);
}

export function percentOf(actual: number, required: number): number {
  if (required <= 0) return actual > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round((actual / required) * 1000) / 10));
}
