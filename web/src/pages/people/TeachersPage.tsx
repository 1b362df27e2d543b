import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Input, Select, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type ClusterNode, type TeacherQuery, type TeacherRow } from '../../api.ts';
import { usePagedList } from '../../lib/hooks.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useCodeLabel } from '../../components/StatusTag.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { Clip, DenseRows, ExportListButton, oneLine } from './shared.tsx';

type TeacherStatus = NonNullable<TeacherQuery['status']>;
const teacherStatuses: TeacherStatus[] = ['active', 'left', 'retired', 'inactive'];

function useGroupOptions() {
  const [tree, setTree] = useState<ClusterNode[]>([]);
  useEffect(() => {
    api.clusterTree().then(setTree, () => setTree([]));
  }, []);
  return useMemo(
    () =>
      tree.flatMap((cluster) =>
        cluster.groups.map((group) => ({ value: group.id, label: tree.length > 1 ? `${cluster.name} · ${group.name}` : group.name })),
      ),
    [tree],
  );
}

export default function TeachersPage() {
  const { t, i18n } = useTranslation();
  const codeLabel = useCodeLabel();
  const groupOptions = useGroupOptions();
  const clip = i18n.language === 'en' ? 136 : 170;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [status, setStatus] = useState<TeacherStatus | undefined>();
  const [groupId, setGroupId] = useState<number | undefined>();
  const [dual, setDual] = useState<'true' | 'false' | undefined>();
  const [pageSize, setPageSize] = useState(20);
  const filter = useMemo(() => ({ q: q || undefined, status, groupId, dualQualified: dual }), [q, status, groupId, dual]);
  const fetchPage = useCallback((page: number) => api.teachers({ page, pageSize, ...filter }), [pageSize, filter]);
  const { data, page, setPage, loading, error } = usePagedList(fetchPage);

  useEffect(() => {
    setPage(1);
  }, [filter, setPage]);

  const onChange = (pagination: TablePaginationConfig) => {
    setPage(pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? 20);
  };

  return (
    <PageCard title={t('teachers.title')} extra={<ExportListButton kind="teachers" filter={filter} total={data?.total} />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          data-testid="teacher-search"
          placeholder={t('teachers.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 270 }}
        />
        <Select
          allowClear
          placeholder={t('teachers.groupFilter')}
          style={{ width: 220 }}
          options={groupOptions}
          value={groupId}
          onChange={setGroupId}
          data-testid="teacher-group-filter"
        />
        <Select
          allowClear
          placeholder={t('teachers.statusFilter')}
          style={{ width: 170 }}
          options={teacherStatuses.map((value) => ({ value, label: codeLabel('teacherStatus', value) }))}
          value={status}
          onChange={setStatus}
          data-testid="teacher-status-filter"
        />
        <Select
          allowClear
          placeholder={t('teachers.dualFilter')}
          style={{ width: 190 }}
          options={[
            { value: 'true', label: `${t('teachers.dualQualified')} · ${t('common.yes')}` },
            { value: 'false', label: `${t('teachers.dualQualified')} · ${t('common.no')}` },
          ]}
          value={dual}
          onChange={setDual}
          data-testid="teacher-dual-filter"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <DenseRows>
        <Table<TeacherRow>
          rowKey="id"
          size="small"
          sticky
          data-testid="teachers-table"
          loading={loading}
          dataSource={data?.items ?? []}
          onChange={onChange}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { count: total }),
          }}
          scroll={{ x: 'max-content' }}
          columns={oneLine<TeacherRow>([
            { title: t('teachers.staffNo'), dataIndex: 'staffNo' },
            { title: t('teachers.name'), dataIndex: 'name' },
            { title: t('teachers.gender'), dataIndex: 'gender', render: (gender: string | null) => codeLabel('gender', gender) },
            { title: t('teachers.jobTitle'), dataIndex: 'title', render: (value: string | null) => value ?? '—' },
            {
              title: t('teachers.dualQualified'),
              dataIndex: 'isDualQualified',
              render: (value: boolean) => (value ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
            },
            {
              title: t('teachers.department'),
              dataIndex: 'departmentName',
              render: (value: string | null) => <Clip text={value} width={clip} />,
            },
            {
              title: t('teachers.homeGroup'),
              dataIndex: 'homeGroupName',
              render: (value: string | null) => <Clip text={value} width={clip} />,
            },
            { title: t('teachers.status'), dataIndex: 'status', render: (value: string) => codeLabel('teacherStatus', value) },
            { title: t('teachers.idNumber'), dataIndex: 'idNumber', render: (value: string | null) => value ?? '—' },
            { title: t('teachers.phone'), dataIndex: 'phone', render: (value: string | null) => value ?? '—' },
          ])}
        />
      </DenseRows>
    </PageCard>
  );
}
