import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tooltip } from 'antd';
import { DiffOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage, type ProgrammeListRow, type ProgrammeStatus } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { NewProgrammeModal } from './ProgrammeModals.tsx';
import { programmeStatuses, ProgrammeStatusTag, useClusterTree } from './shared.tsx';
import { formatDateTime } from '../../lib/format.ts';

export default function ProgrammeListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { groups, major } = useClusterTree();
  const [groupId, setGroupId] = useState<number | undefined>();
  const [cohortYear, setCohortYear] = useState<number | undefined>();
  // The workbench links here with ?status=submitted (to approve) or ?status=draft (to finish).
  const [searchParams] = useSearchParams();
  const [status, setStatus] = useState<ProgrammeStatus | undefined>(() => {
    const given = searchParams.get('status');
    return programmeStatuses.includes(given as ProgrammeStatus) ? (given as ProgrammeStatus) : undefined;
  });
  const [rows, setRows] = useState<ProgrammeListRow[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [search, setSearch] = useState('');

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api
      .programmes({ groupId, cohortYear, status })
      .then((result) => {
        if (!cancelled) {
          setRows(result);
          setError(null);
        }
      })
      .catch((caught) => {
        if (!cancelled) {
          setRows([]);
          setError(errorMessage(caught));
        }
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [groupId, cohortYear, status]);

  // The search looks in the programme's name and its major's code and name, as the table shows them.
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle || !rows) return rows ?? [];
    return rows.filter((row) => {
      const found = major(row.majorId);
      return [row.name, row.majorCode, row.majorName, found?.code, found?.name].some((text) => text?.toLowerCase().includes(needle));
    });
  }, [rows, search, major]);

  const cohorts = useMemo(() => {
    const now = new Date().getFullYear();
    const years = new Set<number>(Array.from({ length: 7 }, (_, index) => now + 2 - index));
    for (const row of rows ?? []) years.add(row.cohortYear);
    return [...years].sort((a, b) => b - a).map((year) => ({ value: year, label: String(year) }));
  }, [rows]);

  return (
    <PageCard
      title={t('programmes.title')}
      extra={
        <Space>
          <Tooltip title={selected.length === 2 ? undefined : t('builder.list.compareHint')}>
            <Button
              icon={<DiffOutlined />}
              disabled={selected.length !== 2}
              onClick={() => navigate(`/programmes/compare?left=${selected[0]}&right=${selected[1]}`)}
              data-testid="compare-selected"
            >
              {t('builder.list.compare', { count: selected.length })}
            </Button>
          </Tooltip>
          {can('programme.edit') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-programme">
              {t('programmes.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('builder.list.search')}
          aria-label={t('builder.list.search')}
          style={{ width: 280 }}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="programme-search"
        />
        <Select
          allowClear
          placeholder={t('programmes.groupFilter')}
          style={{ width: 220 }}
          value={groupId}
          onChange={setGroupId}
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          data-testid="programme-group-filter"
        />
        <Select
          allowClear
          placeholder={t('programmes.cohortFilter')}
          style={{ width: 140 }}
          value={cohortYear}
          onChange={setCohortYear}
          options={cohorts}
          data-testid="programme-cohort-filter"
        />
        <Select
          allowClear
          placeholder={t('programmes.statusFilter')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={programmeStatuses.map((value) => ({ value, label: t(`programmeStatus.${value}`) }))}
          data-testid="programme-status-filter"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<ProgrammeListRow>
        rowKey="id"
        size="middle"
        data-testid="programmes-table"
        loading={loading}
        dataSource={shown}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as number[]).slice(-2)),
          columnTitle: t('programmes.compareColumn'),
          columnWidth: 56,
        }}
        onRow={(row) => ({
          onClick: (event) => {
            // Ticking the comparison checkbox must not open the programme.
            if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
            navigate(`/programmes/${row.id}`);
          },
          style: { cursor: 'pointer' },
          title: t('builder.list.openHint'),
        })}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { count: total }) }}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('programmes.name'),
            dataIndex: 'name',
            onCell: () => ({ style: { minWidth: 220 } }),
            // The name is a real link: it looks clickable, opens in a new tab with a middle click, and is reached by Tab.
            render: (name: string, row) => (
              <Link to={`/programmes/${row.id}`} onClick={(event) => event.stopPropagation()} data-testid={`programme-link-${row.id}`}>
                {name}
              </Link>
            ),
          },
          {
            title: t('programmes.major'),
            key: 'major',
            width: 220,
            render: (_, row) => {
              const found = major(row.majorId);
              return found ? `${found.code} ${found.name}` : row.majorId;
            },
          },
          {
            title: t('programmes.group'),
            key: 'group',
            width: 170,
            render: (_, row) => groups.find((group) => group.id === row.groupId)?.name ?? '—',
          },
          { title: t('programmes.cohortYear'), dataIndex: 'cohortYear', width: 80 },
          {
            title: t('programmes.status'),
            dataIndex: 'status',
            width: 130,
            render: (value: ProgrammeStatus) => <ProgrammeStatusTag status={value} />,
          },
          { title: t('programmes.courseCount'), dataIndex: 'courseCount', width: 80, align: 'right' },
          { title: t('programmes.requiredCredits'), dataIndex: 'requiredCredits', width: 100, align: 'right' },
          { title: t('programmes.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (value: string) => formatDateTime(value) },
        ]}
      />
      {creating && (
        <NewProgrammeModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(`/programmes/${id}`);
          }}
        />
      )}
    </PageCard>
  );
}
