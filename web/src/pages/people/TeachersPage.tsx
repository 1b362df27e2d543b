import { useCallback, useEffect, useState } from 'react';
import { Alert, Input, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type TeacherRow } from '../../api.ts';
import { usePagedList } from '../../lib/hooks.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useCodeLabel } from '../../components/StatusTag.tsx';
import { useDebounced } from '../../components/useDebounced.ts';

export default function TeachersPage() {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [pageSize, setPageSize] = useState(20);
  const fetchPage = useCallback((page: number) => api.teachers({ page, pageSize, q }), [pageSize, q]);
  const { data, page, setPage, loading, error } = usePagedList(fetchPage);

  useEffect(() => {
    setPage(1);
  }, [q, setPage]);

  const onChange = (pagination: TablePaginationConfig) => {
    setPage(pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? 20);
  };

  return (
    <PageCard title={t('teachers.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="teacher-search"
          placeholder={t('teachers.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 260 }}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<TeacherRow>
        rowKey="id"
        size="middle"
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
        scroll={{ x: 1100 }}
        columns={[
          { title: t('teachers.staffNo'), dataIndex: 'staffNo', width: 100, fixed: 'left' },
          { title: t('teachers.name'), dataIndex: 'name', width: 100 },
          { title: t('teachers.gender'), dataIndex: 'gender', width: 70, render: (gender: string | null) => codeLabel('gender', gender) },
          { title: t('teachers.jobTitle'), dataIndex: 'title', width: 100, render: (value: string | null) => value ?? '—' },
          {
            title: t('teachers.dualQualified'),
            dataIndex: 'isDualQualified',
            width: 90,
            render: (value: boolean) => (value ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
          },
          { title: t('teachers.department'), dataIndex: 'departmentName', render: (value: string | null) => value ?? '—' },
          { title: t('teachers.homeGroup'), dataIndex: 'homeGroupName', render: (value: string | null) => value ?? '—' },
          { title: t('teachers.status'), dataIndex: 'status', width: 80, render: (value: string) => codeLabel('teacherStatus', value) },
          { title: t('teachers.idNumber'), dataIndex: 'idNumber', width: 180, render: (value: string | null) => value ?? '—' },
          { title: t('teachers.phone'), dataIndex: 'phone', width: 130, render: (value: string | null) => value ?? '—' },
        ]}
      />
    </PageCard>
  );
}
