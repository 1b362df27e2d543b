import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Popover, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { CalculatorOutlined, EditOutlined, InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  api,
  errorMessage,
  measurementsApi,
  type Bands,
  type ClusterNode,
  type Indicator,
  type IndicatorTarget,
  type Measurement,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { LevelTag } from '../../components/StatusTag.tsx';
import { pick } from '../../i18n/index.ts';
import { formatDateTime, marks } from '../../lib/format.ts';

function periods(): string[] {
  const now = new Date();
  // The academic year starts in September.
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  const list = new Set<string>(['2025-2026']);
  for (let year = start + 1; year >= start - 3; year -= 1) list.add(`${year}-${year + 1}`);
  return [...list].sort().reverse();
}

export function formatValue(value: number | null | undefined, unit: Indicator['unit']): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'ratio') return `${Math.round(value * 1000) / 10}%`;
  return String(Math.round(value * 100) / 100);
}

interface Row extends Indicator {
  target?: IndicatorTarget;
  measurement?: Measurement;
}

export default function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { can } = useAuth();
  const { message } = App.useApp();
  const [clusters, setClusters] = useState<ClusterNode[]>([]);
  const [clusterId, setClusterId] = useState<number | null>(null);
  const [period, setPeriod] = useState('2025-2026');
  const [indicators, setIndicators] = useState<Indicator[] | null>(null);
  const [targets, setTargets] = useState<IndicatorTarget[]>([]);
  const [measurements, setMeasurements] = useState<Record<string, Measurement>>({});
  const [error, setError] = useState<string | null>(null);
  const [computing, setComputing] = useState<string | null>(null);
  const [recomputing, setRecomputing] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);

  useEffect(() => {
    Promise.all([api.indicators(), api.clusterTree()])
      .then(([list, tree]) => {
        setIndicators(list);
        setClusters(tree);
        setClusterId(tree[0]?.id ?? null);
      })
      .catch((caught) => setError(errorMessage(caught)));
  }, []);

  const loadTargets = useCallback(async () => {
    if (!clusterId) return;
    try {
      const [list, latest] = await Promise.all([
        api.targets(clusterId, period),
        measurementsApi.latest({ unitType: 'cluster', unitId: clusterId, period }).catch(() => []),
      ]);
      setTargets(list);
      setMeasurements(Object.fromEntries(latest.map((m) => [m.indicatorKey, m])));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [clusterId, period]);

  useEffect(() => {
    void loadTargets();
  }, [loadTargets]);

  const compute = async (indicator: Indicator) => {
    if (!clusterId) return;
    setComputing(indicator.key);
    try {
      const measurement = await api.measure({ indicatorKey: indicator.key, unitType: 'cluster', unitId: clusterId, period });
      setMeasurements((current) => ({ ...current, [indicator.key]: measurement }));
      message.success(`${pick(indicator.name, language)}${marks(language).colon}${formatValue(measurement.value, indicator.unit)}`);
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setComputing(null);
    }
  };

  const recompute = async () => {
    if (!clusterId) return;
    setRecomputing(true);
    try {
      const result = await measurementsApi.recompute(clusterId, period);
      setMeasurements((current) => ({ ...current, ...Object.fromEntries(result.measurements.map((m) => [m.indicatorKey, m])) }));
      if (result.failed.length > 0) message.warning(t('indicators.recomputeFailed', { count: result.failed.length }));
      else message.success(t('indicators.recomputed', { count: result.measurements.length }));
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setRecomputing(false);
    }
  };

  const groups = useMemo(() => {
    const byDimension = new Map<string, Row[]>();
    for (const indicator of indicators ?? []) {
      const row: Row = {
        ...indicator,
        target: targets.find((tg) => tg.indicatorKey === indicator.key),
        measurement: measurements[indicator.key],
      };
      const list = byDimension.get(indicator.dimension) ?? [];
      list.push(row);
      byDimension.set(indicator.dimension, list);
    }
    // The server lists the indicators in the order of 表 1's dimensions.
    return [...byDimension.entries()];
  }, [indicators, targets, measurements]);

  const comparisonLabel = (comparison: '>=' | '<=') => (comparison === '>=' ? t('indicators.atLeast') : t('indicators.atMost'));
  const mark = marks(language);

  return (
    <PageCard
      title={t('indicators.title')}
      extra={
        <Space wrap>
          <span>{t('indicators.cluster')}</span>
          <Select
            style={{ width: 280 }}
            value={clusterId ?? undefined}
            onChange={setClusterId}
            options={clusters.map((c) => ({ value: c.id, label: c.name }))}
          />
          <span>{t('indicators.period')}</span>
          <Select
            style={{ width: 130 }}
            value={period}
            onChange={setPeriod}
            options={periods().map((p) => ({ value: p, label: p }))}
            data-testid="period-select"
          />
          {can('indicator.configure') && (
            <Tooltip title={t('indicators.recomputeHint')}>
              <Button
                icon={<ReloadOutlined />}
                loading={recomputing}
                disabled={!clusterId}
                onClick={() => void recompute()}
                data-testid="recompute"
              >
                {t('indicators.recompute')}
              </Button>
            </Tooltip>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!indicators && !error && <Spin />}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {indicators && <Legend />}
        {groups.map(([dimension, rows]) => (
          <Card key={dimension} size="small" title={pick(rows[0]!.dimensionName, language)} data-testid={`dimension-${dimension}`}>
            <Table<Row>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 960 }}
              columns={[
                {
                  title: t('indicators.name'),
                  key: 'name',
                  render: (_, row) => (
                    <div>
                      <Typography.Text strong>{pick(row.name, language)}</Typography.Text>
                      <div>
                        <Popover
                          trigger="click"
                          placement="bottomLeft"
                          title={t('indicators.definition')}
                          content={<Definition row={row} />}
                        >
                          <Button
                            type="link"
                            size="small"
                            icon={<InfoCircleOutlined />}
                            style={{ paddingInline: 0, height: 'auto', fontSize: 12 }}
                            data-testid={`definition-${row.key}`}
                          >
                            {t('indicators.definition')}
                          </Button>
                        </Popover>
                      </div>
                    </div>
                  ),
                },
                { title: t('indicators.source'), key: 'source', width: 150, render: (_, row) => pick(row.monitoringSource, language) },
                { title: t('indicators.unit'), dataIndex: 'unit', width: 70, render: (unit: string) => t(`unit.${unit}`) },
                {
                  title: t('indicators.target'),
                  key: 'target',
                  width: 150,
                  render: (_, row) => {
                    const target = row.target?.target ?? row.defaultTarget;
                    const comparison = row.target?.comparison ?? row.comparison;
                    return (
                      <Space size={4}>
                        <span>
                          {comparisonLabel(comparison)} {formatValue(target, row.unit)}
                        </span>
                        {row.target && !row.target.isDefault && <Tag color="blue">{t('indicators.custom')}</Tag>}
                      </Space>
                    );
                  },
                },
                {
                  title: t('indicators.bands'),
                  key: 'bands',
                  width: 170,
                  render: (_, row) =>
                    row.target ? (
                      <span style={{ fontSize: 12 }}>
                        <Tooltip title={t('indicators.yellowBand')}>
                          <Tag color="gold">{formatValue(row.target.bands.yellow, row.unit)}</Tag>
                        </Tooltip>
                        <Tooltip title={t('indicators.orangeBand')}>
                          <Tag color="orange">{formatValue(row.target.bands.orange, row.unit)}</Tag>
                        </Tooltip>
                      </span>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('indicators.value'),
                  key: 'value',
                  width: 220,
                  render: (_, row) =>
                    row.measurement ? (
                      <div>
                        <Space size={4} data-testid={`value-${row.key}`}>
                          <Typography.Text strong>{formatValue(row.measurement.value, row.unit)}</Typography.Text>
                          <LevelTag level={row.measurement.level} />
                        </Space>
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={`computed-at-${row.key}`}>
                          {t('indicators.computedAt', { time: formatDateTime(row.measurement.computedAt) })}
                          {mark.open}
                          {row.measurement.computedBy === null ? t('indicators.bySchedule') : t('indicators.byHand')}
                          {mark.close}
                        </Typography.Text>
                      </div>
                    ) : row.computable ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('indicators.notComputed')}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('indicators.notComputable')}
                      </Typography.Text>
                    ),
                },
                {
                  title: '',
                  key: 'actions',
                  width: 84,
                  fixed: 'right',
                  render: (_, row) => (
                    <Space size={4}>
                      {row.computable && can('indicator.compute') && (
                        <Tooltip title={t('indicators.computeOne')}>
                          <Button
                            size="small"
                            icon={<CalculatorOutlined />}
                            loading={computing === row.key}
                            onClick={() => void compute(row)}
                            aria-label={t('indicators.computeOne')}
                            data-testid={`compute-${row.key}`}
                          />
                        </Tooltip>
                      )}
                      {can('indicator.configure') && row.target && (
                        <Tooltip title={t('indicators.editTarget')}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(row)}
                            aria-label={t('indicators.editTarget')}
                          />
                        </Tooltip>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        ))}
      </Space>
      {editing && clusterId && (
        <TargetModal
          row={editing}
          clusterId={clusterId}
          period={period}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void loadTargets();
          }}
        />
      )}
    </PageCard>
  );
}

/** What the level tags and the band tags mean. */
function Legend() {
  const { t } = useTranslation();
  const levels = ['met', 'yellow', 'orange', 'red'] as const;
  return (
    <div
      data-testid="level-legend"
      style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 20px', alignItems: 'center', fontSize: 12, color: 'rgba(0,0,0,0.65)' }}
    >
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t('indicators.legend')}
      </Typography.Text>
      {levels.map((level) => (
        <span key={level} data-testid={`legend-${level}`}>
          <LevelTag level={level} />
          {t(`indicators.legendLevel.${level}`)}
        </span>
      ))}
      <span>{t('indicators.legendSchedule')}</span>
    </div>
  );
}

/** The long 计算口径, and the figures the shown value was computed from where the computation gives them. */
function Definition({ row }: { row: Row }) {
  const { t, i18n } = useTranslation();
  const inputs = row.measurement?.inputs;
  const numerator = typeof inputs?.numerator === 'number' ? inputs.numerator : null;
  const denominator = typeof inputs?.denominator === 'number' ? inputs.denominator : null;
  return (
    <div style={{ maxWidth: 440 }} data-testid={`definition-text-${row.key}`}>
      <Typography.Paragraph style={{ marginBottom: numerator !== null && denominator !== null ? 8 : 0 }}>
        {pick(row.definition, i18n.language)}
      </Typography.Paragraph>
      {numerator !== null && denominator !== null && (
        <Typography.Text type="secondary">
          {t('indicators.figures', { numerator, denominator, value: formatValue(row.measurement!.value, row.unit) })}
        </Typography.Text>
      )}
    </div>
  );
}

interface TargetValues {
  target: number;
  comparison: '>=' | '<=';
  yellow: number;
  orange: number;
}

function TargetModal({
  row,
  clusterId,
  period,
  onClose,
  onSaved,
}: {
  row: Row;
  clusterId: number;
  period: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetValues>();
  const [saving, setSaving] = useState(false);
  const current = row.target!;

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const bands: Bands = { yellow: values.yellow, orange: values.orange };
      await api.setTarget(clusterId, row.key, { period, target: values.target, comparison: values.comparison, bands });
      message.success(t('indicators.targetSaved'));
      onSaved();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('indicators.editTarget')}${marks(i18n.language).colon}${pick(row.name, i18n.language)}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      {row.unit === 'ratio' && <Alert type="info" showIcon title={t('indicators.ratioHint')} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          target: current.target,
          comparison: current.comparison,
          yellow: current.bands.yellow,
          orange: current.bands.orange,
        }}
      >
        <Form.Item name="comparison" label={t('indicators.comparison')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: '>=', label: t('indicators.atLeast') },
              { value: '<=', label: t('indicators.atMost') },
            ]}
          />
        </Form.Item>
        <Form.Item name="target" label={t('indicators.target')} rules={[{ required: true }]}>
          <InputNumber min={0} step={row.unit === 'ratio' ? 0.01 : 1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="yellow" label={t('indicators.yellowBand')} rules={[{ required: true }]}>
          <InputNumber step={row.unit === 'ratio' ? 0.01 : 1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="orange" label={t('indicators.orangeBand')} rules={[{ required: true }]}>
          <InputNumber step={row.unit === 'ratio' ? 0.01 : 1} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
