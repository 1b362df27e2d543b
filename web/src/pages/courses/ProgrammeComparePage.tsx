import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Row, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  api,
  errorMessage,
  type ComparisonRow,
  type ProgrammeComparison,
  type ProgrammeItem,
  type ProgrammeListRow,
  type ProgrammeMetrics,
  type ProgrammeSummary,
} from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { LayerTag, ProgrammeStatusTag } from './shared.tsx';
import { round1 } from '../../lib/format.ts';

const changeColors: Record<ComparisonRow['change'], string> = { added: 'green', removed: 'red', changed: 'orange', same: 'default' };

const metricKeys: (keyof ProgrammeMetrics)[] = [
  'totalCredits',
  'requiredCredits',
  'sharedCourseCount',
  'sharedCredits',
  'coreCredits',
  'crossGroupExtensionCredits',
  'electiveOptionCredits',
  'practiceShare',
  'totalHours',
  'practiceHours',
  'sharedFoundationRatio',
  'sharedExtensionRatio',
];
const ratioKeys = new Set<keyof ProgrammeMetrics>(['practiceShare', 'sharedFoundationRatio', 'sharedExtensionRatio']);

function metricText(key: keyof ProgrammeMetrics, value: ProgrammeMetrics[keyof ProgrammeMetrics]): string {
  if (Array.isArray(value)) return value.join(' / ');
  return ratioKeys.has(key) ? `${round1(value * 100)}%` : String(round1(value));
}

export default function ProgrammeComparePage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const left = Number(params.get('left')) || undefined;
  const right = Number(params.get('right')) || undefined;
  const [programmes, setProgrammes] = useState<ProgrammeListRow[]>([]);
  const [result, setResult] = useState<ProgrammeComparison | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<'differences' | 'all'>('differences');

  useEffect(() => {
    api
      .programmes({})
      .then(setProgrammes)
      .catch((caught) => setError(errorMessage(caught)));
  }, []);

  useEffect(() => {
    if (!left || !right) {
      setResult(null);
      return;
    }
    let cancelled = false;
    setLoading(true);
    setError(null);
    api
      .compareProgrammes(left, right)
      .then((comparison) => {
        if (!cancelled) setResult(comparison);
      })
      .catch((caught) => {
        if (!cancelled) {
          setResult(null);
          setError(errorMessage(caught));
        }
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [left, right]);

  const choose = (side: 'left' | 'right', id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set(side, String(id));
    else next.delete(side);
    setParams(next, { replace: true });
  };

  const options = useMemo(
    () =>
      programmes.map((programme) => ({ value: programme.id, label: `${programme.name}（${t(`programmeStatus.${programme.status}`)}）` })),
    [programmes, t],
  );
  const rows = (result?.rows ?? []).filter((row) => filter === 'all' || row.change !== 'same');

  const side = (item: ProgrammeItem | null) =>
    item ? (
      <Space size={4} wrap>
        <span>{t('builder.termN', { term: item.termNo })}</span>
        {item.isElective && <Tag color="magenta">{t('builder.elective')}</Tag>}
        <Tag>v{item.versionNo}</Tag>
        <Typography.Text type="secondary">{t('builder.creditsShort', { credits: item.credits })}</Typography.Text>
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const summary = (programme: ProgrammeSummary) => (
    <Card size="small" title={programme.name} extra={<ProgrammeStatusTag status={programme.status} />}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('programmes.major')}>
          {programme.major ? `${programme.major.code} ${programme.major.name}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.cohortYear')}>{programme.cohortYear}</Descriptions.Item>
        <Descriptions.Item label={t('compare.rules')}>
          {programme.passed ? <Tag color="success">{t('compare.passed')}</Tag> : <Tag color="error">{t('compare.notPassed')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );

  return (
    <PageCard title={t('compare.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('compare.left')}
          style={{ width: 360 }}
          value={left}
          onChange={(value) => choose('left', value)}
          options={options}
          data-testid="compare-left"
        />
        <SwapOutlined />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('compare.right')}
          style={{ width: 360 }}
          value={right}
          onChange={(value) => choose('right', value)}
          options={options}
          data-testid="compare-right"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!left || !right ? <Empty description={t('compare.pickTwo')} /> : null}
      {loading && <Spin />}
      {result && (
        <div data-testid="comparison">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} md={12}>
              {summary(result.left)}
            </Col>
            <Col xs={24} md={12}>
              {summary(result.right)}
            </Col>
          </Row>
          <Typography.Title level={5}>{t('compare.metrics')}</Typography.Title>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            style={{ marginBottom: 24 }}
            data-testid="compare-metrics"
            dataSource={[
              ...metricKeys.map((key) => ({ key, left: result.left.metrics[key], right: result.right.metrics[key] })),
              { key: 'creditsByTerm' as const, left: result.left.metrics.creditsByTerm, right: result.right.metrics.creditsByTerm },
            ]}
            columns={[
              { title: t('compare.metric'), dataIndex: 'key', render: (key: string) => t(`metric.${key}`) },
              { title: t('compare.left'), key: 'left', render: (_, row) => metricText(row.key, row.left) },
              { title: t('compare.right'), key: 'right', render: (_, row) => metricText(row.key, row.right) },
              {
                title: t('compare.difference'),
                key: 'diff',
                render: (_, row) => {
                  if (Array.isArray(row.left) || Array.isArray(row.right))
                    return JSON.stringify(row.left) === JSON.stringify(row.right) ? (
                      '—'
                    ) : (
                      <Tag color="orange">{t('compare.change.changed')}</Tag>
                    );
                  const delta = (row.right as number) - (row.left as number);
                  if (Math.abs(delta) < 1e-9) return '—';
                  const text = ratioKeys.has(row.key) ? `${round1(delta * 100)}%` : String(round1(delta));
                  return <Typography.Text type={delta > 0 ? 'success' : 'danger'}>{delta > 0 ? `+${text}` : text}</Typography.Text>;
                },
              },
            ]}
          />
          <Space style={{ marginBottom: 12 }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('compare.courses')}
            </Typography.Title>
            {(['added', 'removed', 'changed', 'same'] as const).map((change) => (
              <Tag key={change} color={changeColors[change]} data-testid={`count-${change}`}>
                {t(`compare.change.${change}`)} {result.counts[change]}
              </Tag>
            ))}
            <Segmented<'differences' | 'all'>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'differences', label: t('compare.onlyDifferences') },
                { value: 'all', label: t('compare.allCourses') },
              ]}
            />
          </Space>
          <Table<ComparisonRow>
            size="small"
            rowKey="code"
            pagination={false}
            data-testid="compare-rows"
            dataSource={rows}
            columns={[
              { title: t('courses.code'), dataIndex: 'code', width: 100 },
              {
                title: t('courses.name'),
                key: 'name',
                render: (_, row) => {
                  const item = row.right ?? row.left;
                  return i18n.language === 'en' && item?.nameEn ? item.nameEn : row.name;
                },
              },
              {
                title: t('courses.layer'),
                key: 'layer',
                width: 110,
                render: (_, row) => {
                  const item = row.right ?? row.left;
                  return item ? <LayerTag layer={item.layer} /> : null;
                },
              },
              {
                title: t('compare.change.title'),
                dataIndex: 'change',
                width: 90,
                render: (change: ComparisonRow['change']) => <Tag color={changeColors[change]}>{t(`compare.change.${change}`)}</Tag>,
              },
              { title: t('compare.left'), key: 'left', render: (_, row) => side(row.left) },
              { title: t('compare.right'), key: 'right', render: (_, row) => side(row.right) },
              {
                title: t('compare.differences'),
                dataIndex: 'differences',
                render: (differences: string[]) =>
                  differences.length === 0
                    ? '—'
                    : differences.map((field) => <Tag key={field}>{t(`courseField.${field}`, { defaultValue: field })}</Tag>),
              },
            ]}
          />
        </div>
      )}
    </PageCard>
  );
}
