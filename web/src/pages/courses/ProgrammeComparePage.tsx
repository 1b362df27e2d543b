import { Fragment, useEffect, useMemo, useState } from 'react';
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
import { FieldChange } from './ProgrammeDocumentParts.tsx';
import { LayerTag, ProgrammeStatusTag, useClusterTree } from './shared.tsx';
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
  const { groupShortName } = useClusterTree();

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

  // Whole names: the status is a tag beside the name, not text that pushes it out of the box.
  const options = useMemo(
    () =>
      programmes.map((programme) => ({
        value: programme.id,
        name: programme.name,
        label: (
          <Space size={6} style={{ maxWidth: '100%' }}>
            <span>{programme.name}</span>
            <ProgrammeStatusTag status={programme.status} />
          </Space>
        ),
        search: `${programme.name} ${programme.majorCode} ${programme.majorName}`,
      })),
    [programmes],
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
      {programme.failures.length > 0 && (
        <div data-testid={`failures-${programme.id}`}>
          <Typography.Text type="secondary">{t('builder.compare.failures')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            {programme.failures.map((failure) => (
              <li key={failure.rule} data-testid={`failure-${failure.rule}`}>
                <Typography.Text type={failure.status === 'missing' ? 'danger' : 'warning'}>{failure.message}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );

  return (
    <PageCard title={t('compare.title')}>
      <Row gutter={[12, 12]} align="middle" wrap={false} style={{ marginBottom: 16 }}>
        {(['left', 'right'] as const).map((which, index) => (
          <Fragment key={which}>
            {index === 1 && (
              <Col flex="none">
                <SwapOutlined />
              </Col>
            )}
            <Col flex="1 1 0" style={{ minWidth: 0 }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'search' }}
                placeholder={t(`compare.${which}`)}
                style={{ width: '100%' }}
                popupMatchSelectWidth={false}
                value={which === 'left' ? left : right}
                onChange={(value) => choose(which, value)}
                options={options}
                labelRender={({ value }) => {
                  const chosen = options.find((option) => option.value === value);
                  return chosen ? <span title={chosen.name}>{chosen.label}</span> : null;
                }}
                aria-label={t(`compare.${which}`)}
                data-testid={`compare-${which}`}
              />
            </Col>
          </Fragment>
        ))}
      </Row>
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
                key: 'changes',
                // Each changed field with A's value struck through and B's after the arrow.
                render: (_, row) =>
                  row.changes.length === 0
                    ? '—'
                    : row.changes.map((change) => (
                        <FieldChange key={change.field} field={change.field} from={change.from} to={change.to} groupName={groupShortName} />
                      )),
              },
            ]}
          />
        </div>
      )}
    </PageCard>
  );
}
