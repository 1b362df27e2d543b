import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Descriptions, Drawer, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ClusterNode, type StudentDetail, type StudentRow } from '../../api.ts';
import { usePagedList } from '../../lib/hooks.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useCodeLabel } from '../../components/StatusTag.tsx';
import { useDebounced } from '../../components/useDebounced.ts';

export function useMajorOptions() {
  const [tree, setTree] = useState<ClusterNode[]>([]);
  useEffect(() => {
    api
      .clusterTree()
      .then(setTree)
      .catch(() => setTree([]));
  }, []);
  return useMemo(
    () =>
      tree.flatMap((cluster) =>
        cluster.groups.map((group) => ({
          label: group.name,
          title: group.name,
          options: group.majors.map((major) => ({ value: major.id, label: `${major.code} ${major.name}` })),
        })),
      ),
    [tree],
  );
}

export function cohortOptions() {
  const now = new Date().getFullYear();
  return Array.from({ length: 8 }, (_, index) => now + 1 - index).map((year) => ({ value: year, label: String(year) }));
}

export default function StudentsPage() {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  const majorOptions = useMajorOptions();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [majorId, setMajorId] = useState<number | undefined>();
  const [cohortYear, setCohortYear] = useState<number | undefined>();
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<number | null>(null);
  const fetchPage = useCallback(
    (page: number) => api.students({ page, pageSize, q, majorId, cohortYear }),
    [pageSize, q, majorId, cohortYear],
  );
  const { data, page, setPage, loading, error } = usePagedList(fetchPage);

  useEffect(() => {
    setPage(1);
  }, [q, majorId, cohortYear, setPage]);

  const onChange = (pagination: TablePaginationConfig) => {
    setPage(pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? 20);
  };

  return (
    <PageCard title={t('students.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="student-search"
          placeholder={t('students.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('students.majorFilter')}
          style={{ width: 260 }}
          options={majorOptions}
          value={majorId}
          onChange={setMajorId}
        />
        <Select
          allowClear
          placeholder={t('students.cohortFilter')}
          style={{ width: 140 }}
          options={cohortOptions()}
          value={cohortYear}
          onChange={setCohortYear}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<StudentRow>
        rowKey="id"
        size="middle"
        data-testid="students-table"
        loading={loading}
        dataSource={data?.items ?? []}
        onChange={onChange}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
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
          { title: t('students.studentNo'), dataIndex: 'studentNo', width: 160, fixed: 'left' },
          { title: t('students.name'), dataIndex: 'name', width: 100 },
          { title: t('students.gender'), dataIndex: 'gender', width: 70, render: (gender: string | null) => codeLabel('gender', gender) },
          { title: t('students.cohortYear'), dataIndex: 'cohortYear', width: 80 },
          { title: t('students.major'), key: 'major', render: (_, row) => `${row.majorCode} ${row.majorName}` },
          { title: t('students.class'), dataIndex: 'className', render: (name: string | null) => name ?? '—' },
          {
            title: t('students.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: string) => <Tag color={status === 'enrolled' ? 'blue' : 'default'}>{codeLabel('studentStatus', status)}</Tag>,
          },
          { title: t('students.idNumber'), dataIndex: 'idNumber', width: 180, render: (value: string | null) => value ?? '—' },
          { title: t('students.phone'), dataIndex: 'phone', width: 130, render: (value: string | null) => value ?? '—' },
        ]}
      />
      <StudentDrawer id={openId} onClose={() => setOpenId(null)} />
    </PageCard>
  );
}

export function StudentDescriptions({ student }: { student: StudentDetail }) {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  return (
    <>
      <Descriptions bordered column={1} size="middle">
        <Descriptions.Item label={t('students.studentNo')}>{student.studentNo}</Descriptions.Item>
        <Descriptions.Item label={t('students.name')}>{student.name}</Descriptions.Item>
        <Descriptions.Item label={t('students.gender')}>{codeLabel('gender', student.gender)}</Descriptions.Item>
        <Descriptions.Item label={t('students.cohortYear')}>{student.cohortYear}</Descriptions.Item>
        <Descriptions.Item label={t('students.major')}>
          {student.majorCode} {student.majorName}
        </Descriptions.Item>
        <Descriptions.Item label={t('students.class')}>
          {student.className ?? '—'}
          {student.classCode ? `（${student.classCode}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('students.status')}>{codeLabel('studentStatus', student.status)}</Descriptions.Item>
        <Descriptions.Item label={t('students.idNumber')}>{student.idNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('students.phone')}>{student.phone ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {student.piiRevealed ? t('students.piiRevealed') : t('students.piiMasked')}
      </Typography.Paragraph>
    </>
  );
}

function StudentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [student, setStudent] = useState<StudentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    setStudent(null);
    setError(null);
    api
      .student(id)
      .then((s) => {
        if (!cancelled) setStudent(s);
      })
      .catch((caught) => {
        if (!cancelled) setError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [id]);

  return (
    <Drawer open={id !== null} onClose={onClose} title={t('students.detail')} size={480} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && !student && <Spin />}
      {student && <StudentDescriptions student={student} />}
    </Drawer>
  );
}
