import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Level, MajorStatus } from '../api.ts';

const majorColors: Record<MajorStatus, string> = { enrolling: 'green', suspended: 'orange', revoked: 'default' };
const levelColors: Record<Level, string> = { met: 'success', yellow: 'gold', orange: 'orange', red: 'red' };

export function MajorStatusTag({ status }: { status: MajorStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <span>—</span>;
  return <Tag color={majorColors[status]}>{t(`majorStatus.${status}`)}</Tag>;
}

export function LevelTag({ level }: { level: Level | null }) {
  if (level === null) return null;
  return <LevelTagOf level={level} />;
}

function LevelTagOf({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Tag color={levelColors[level]} data-testid={`level-${level}`}>
      {t(`level.${level}`)}
    </Tag>
  );
}

/** Translate a code through a key prefix, falling back to the raw code. */
export function useCodeLabel() {
  const { t, i18n } = useTranslation();
  return (prefix: string, code: string | null | undefined) => {
    if (!code) return '—';
    const key = `${prefix}.${code}`;
    return i18n.exists(key) ? t(key) : code;
  };
}
