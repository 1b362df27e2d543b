import { useEffect, useState } from 'react';
import { Alert, Space, Table, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { creditbankApi, errorMessage, type PathwayDistribution, type StageKey } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { pick } from '../../i18n/index.ts';
import { PathwaySettingsCard } from './PathwaySettingsCard.tsx';
import { ClusterPicker, useClusters } from './shared.tsx';

type Column = StageKey | 'none';
type MajorRow = PathwayDistribution['majors'][number];

/** A stacked bar of plain blocks: each stage's share of the major's students, in the stage's colour. */
function StackedBar({
  row,
  columns,
  colours,
  label,
}: {
  row: MajorRow;
  columns: Column[];
  colours: Record<Column, string>;
  label: (column: Column) => string;
}) {
  if (row.total === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div
      style={{ display: 'flex', height: 14, width: '100%', minWidth: 160, borderRadius: 3, overflow: 'hidden' }}
      data-testid={`bar-${row.code}`}
    >
      {columns
        .filter((column) => (row.counts[column] ?? 0) > 0)
        .map((column) => (
          <Tooltip
            key={column}
            title={`${label(column)}：${row.counts[column]}（${Math.round((row.counts[column] / row.total) * 1000) / 10}%）`}
          >
            <div style={{ width: `${(row.counts[column] / row.total) * 100}%`, background: colours[column] }} />
          </Tooltip>
        ))}
    </div>
  );
}

/** 学徒成长阶段分布: how many students of each major stand at each stage of the four-stage pathway. */
export default function PathwayDistributionPage() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { clusters, clusterId, setClusterId, error: clusterError } = useClusters();
  const [data, setData] = useState<PathwayDistribution | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!clusterId) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    creditbankApi
      .pathwayDistribution(clusterId)
      .then((result) => {
        if (!cancelled) setData(result);
      })
      .catch((caught) => {
        if (!cancelled) {
          setData(null);
          setError(errorMessage(caught));
        }
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [clusterId, generation]);

  const stages = data?.stages ?? [];
  const columns: Column[] = ['none', ...stages.map((stage) => stage.key)];
  const palette = [token.colorFillSecondary, token.colorInfoBorder, token.colorInfo, token.colorPrimary, token.colorSuccess];
  const colours = Object.fromEntries(columns.map((column, index) => [column, palette[index % palette.length]!])) as Record<Column, string>;
  const label = (column: Column) =>
    column === 'none' ? t('creditbank.pathway.none') : pick(stages.find((stage) => stage.key === column)?.name, i18n.language);
  const percent = (count: number, total: number) => (total > 0 ? `${Math.round((count / total) * 1000) / 10}%` : '—');

  const totals = data
    ? {
        majorId: 0,
        code: '',
        name: t('creditbank.distribution.total'),
        total: data.majors.reduce((sum, major) => sum + major.total, 0),
        counts: Object.fromEntries(
          columns.map((column) => [column, data.majors.reduce((sum, major) => sum + (major.counts[column] ?? 0), 0)]),
        ) as MajorRow['counts'],
      }
    : null;

  return (
    <PageCard
      title={t('creditbank.distribution.title')}
      extra={<ClusterPicker clusters={clusters} value={clusterId} onChange={setClusterId} />}
    >
      <Typography.Paragraph type="secondary">{t('creditbank.distribution.intro')}</Typography.Paragraph>
      {clusterError !== null && <Alert type="error" showIcon title={errorMessage(clusterError)} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="distribution-error" />}
      {stages.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          {columns.map((column) => (
            <Space key={column} size={4}>
              <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: colours[column] }} />
              {label(column)}
            </Space>
          ))}
        </Space>
      )}
      <Table<MajorRow>
        rowKey="majorId"
        size="small"
        data-testid="distribution-table"
        loading={loading}
        dataSource={data?.majors ?? []}
        pagination={false}
        summary={() =>
          totals && data && data.majors.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>{totals.name}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong>{totals.total}</Typography.Text>
              </Table.Summary.Cell>
              {columns.map((column, index) => (
                <Table.Summary.Cell key={column} index={3 + index} align="right">
                  {totals.counts[column]}
                  <Typography.Text type="secondary">（{percent(totals.counts[column], totals.total)}）</Typography.Text>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={3 + columns.length}>
                <StackedBar row={totals} columns={columns} colours={colours} label={label} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          { title: t('creditbank.distribution.majorCode'), dataIndex: 'code', width: 90 },
          { title: t('creditbank.distribution.major'), dataIndex: 'name' },
          { title: t('creditbank.distribution.students'), dataIndex: 'total', width: 80, align: 'right' },
          ...columns.map((column) => ({
            title: label(column),
            key: column,
            width: 110,
            align: 'right' as const,
            render: (_: unknown, row: MajorRow) => (
              <span data-testid={`count-${row.code}-${column}`}>
                {row.counts[column] ?? 0}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  （{percent(row.counts[column] ?? 0, row.total)}）
                </Typography.Text>
              </span>
            ),
          })),
          {
            title: t('creditbank.distribution.bar'),
            key: 'bar',
            width: 220,
            render: (_, row) => <StackedBar row={row} columns={columns} colours={colours} label={label} />,
          },
        ]}
      />
      {clusterId && <PathwaySettingsCard key={clusterId} clusterId={clusterId} onSaved={() => setGeneration((value) => value + 1)} />}
    </PageCard>
  );
}
