import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Input, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type MajorListItem, type StudentDetail, type StudentRow } from '../../api.ts';
import { usePagedList } from '../../lib/hooks.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useCodeLabel } from '../../components/StatusTag.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { Clip, DenseRows, ExportListButton, oneLine } from './shared.tsx';

type StudentStatus = StudentRow['status'];

/** Every major of the institution for a filter, grouped by department (not only the cluster's). */
export function useMajorOptions() {
  const [majors, setMajors] = useState<MajorListItem[]>([]);
  const [departments, setDepartments] = useState<Array<{ id: number; name: string }>>([]);
  useEffect(() => {
    api.majors().then(setMajors, () => setMajors([]));
    api.departments().then(setDepartments, () => setDepartments([]));
  }, []);
  return useMemo(() => {
    const byDepartment = new Map<number | null, MajorListItem[]>();
    for (const major of majors) byDepartment.set(major.departmentId, [...(byDepartment.get(major.departmentId) ?? []), major]);
    return [...byDepartment.entries()].map(([departmentId, list]) => {
      const label = departments.find((department) => department.id === departmentId)?.name ?? '—';
      return { label, title: label, options: list.map((major) => ({ value: major.id, label: `${major.code} ${major.name}` })) };
    });
  }, [majors, departments]);
}

export function cohortOptions() {
  const now = new Date().getFullYear();
  return Array.from({ length: 8 }, (_, index) => now + 1 - index).map((year) => ({ value: year, label: String(year) }));
}

const studentStatuses: StudentStatus[] = ['enrolled', 'suspended', 'graduated', 'withdrawn'];

export default function StudentsPage() {
  const { t, i18n } = useTranslation();
  const codeLabel = useCodeLabel();
  const majorOptions = useMajorOptions();
  // English labels and the wider English menu leave less room for the two long columns.
  const clip = i18n.language === 'en' ? 140 : 170;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [majorId, setMajorId] = useState<number | undefined>();
  const [cohortYear, setCohortYear] = useState<number | undefined>();
  const [status, setStatus] = useState<StudentStatus | undefined>();
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<number | null>(null);
  const filter = useMemo(() => ({ q: q || undefined, majorId, cohortYear, status }), [q, majorId, cohortYear, status]);
  const fetchPage = useCallback((page: number) => api.students({ page, pageSize, ...filter }), [pageSize, filter]);
  const { data, page, setPage, loading, error } = usePagedList(fetchPage);

  useEffect(() => {
    setPage(1);
  }, [filter, setPage]);

  const onChange = (pagination: TablePaginationConfig) => {
    setPage(pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? 20);
  };

  return (
    <PageCard title={t('students.title')} extra={<ExportListButton kind="students" filter={filter} total={data?.total} />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          data-testid="student-search"
          placeholder={t('students.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 270 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('students.majorFilter')}
          style={{ width: 260 }}
          options={majorOptions}
          value={majorId}
          onChange={setMajorId}
          data-testid="student-major-filter"
        />
        <Select
          allowClear
          placeholder={t('students.cohortFilter')}
          style={{ width: 170 }}
          options={cohortOptions()}
          value={cohortYear}
          onChange={setCohortYear}
        />
        <Select
          allowClear
          placeholder={t('students.statusFilter')}
          style={{ width: 170 }}
          options={studentStatuses.map((value) => ({ value, label: codeLabel('studentStatus', value) }))}
          value={status}
          onChange={setStatus}
          data-testid="student-status-filter"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <DenseRows>
        <Table<StudentRow>
          rowKey="id"
          size="small"
          sticky
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
          scroll={{ x: 'max-content' }}
          columns={oneLine<StudentRow>([
            { title: t('students.studentNo'), dataIndex: 'studentNo' },
            { title: t('students.name'), dataIndex: 'name' },
            { title: t('students.gender'), dataIndex: 'gender', render: (gender: string | null) => codeLabel('gender', gender) },
            { title: t('students.cohortYear'), dataIndex: 'cohortYear' },
            {
              title: t('students.major'),
              key: 'major',
              render: (_, row) => <Clip text={`${row.majorCode} ${row.majorName}`} width={clip} />,
            },
            { title: t('students.class'), dataIndex: 'className', render: (name: string | null) => <Clip text={name} width={clip} /> },
            {
              title: t('students.status'),
              dataIndex: 'status',
              render: (value: string) => <Tag color={value === 'enrolled' ? 'blue' : 'default'}>{codeLabel('studentStatus', value)}</Tag>,
            },
            { title: t('students.idNumber'), dataIndex: 'idNumber', render: (value: string | null) => value ?? '—' },
            { title: t('students.phone'), dataIndex: 'phone', render: (value: string | null) => value ?? '—' },
          ])}
        />
      </DenseRows>
      <StudentDrawer id={openId} onClose={() => setOpenId(null)} />
    </PageCard>
  );
}

/** A masked ID number or phone; with `reveal`, a click shows it in full (one field, audited by the server). */
function PersonalValue({
  field,
  masked,
  reveal,
}: {
  field: 'idNumber' | 'phone';
  masked: string | null;
  reveal?: (field: 'idNumber' | 'phone') => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!masked) return <>—</>;
  if (shown !== null) return <span data-testid={`pii-${field}`}>{shown}</span>;
  return (
    <Space size={4} wrap>
      <span data-testid={`pii-${field}`}>{masked}</span>
      {reveal && (
        <Tooltip title={t('students.revealHint')}>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={busy}
            data-testid={`reveal-${field}`}
            onClick={() => {
              setBusy(true);
              setError(null);
              reveal(field)
                .then((value) => setShown(value ?? '—'))
                .catch((caught) => setError(errorMessage(caught)))
                .finally(() => setBusy(false));
            }}
          >
            {t('students.reveal')}
          </Button>
        </Tooltip>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

/**
 * A student's record. ID number and phone come masked; `reveal` (given to those who may see them) adds a
 * click that shows one of them in full.
 */
export function StudentDescriptions({
  student,
  reveal,
}: {
  student: StudentDetail;
  reveal?: (field: 'idNumber' | 'phone') => Promise<string | null>;
}) {
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
          {student.classCode ? t('students.classCode', { code: student.classCode }) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('students.status')}>{codeLabel('studentStatus', student.status)}</Descriptions.Item>
        <Descriptions.Item label={t('students.idNumber')}>
          <PersonalValue field="idNumber" masked={student.idNumber} reveal={student.piiRevealed ? undefined : reveal} />
        </Descriptions.Item>
        <Descriptions.Item label={t('students.phone')}>
          <PersonalValue field="phone" masked={student.phone} reveal={student.piiRevealed ? undefined : reveal} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }} data-testid="pii-note">
        {student.piiRevealed ? t('students.piiRevealed') : reveal ? t('students.piiMaskedRevealable') : t('students.piiMasked')}
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

  const reveal = useCallback(
    async (field: 'idNumber' | 'phone') => (id === null ? null : (await api.revealStudent(id, field)).value),
    [id],
  );

  return (
    <Drawer open={id !== null} onClose={onClose} title={t('students.detail')} size={480} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && !student && <Spin />}
      {student && <StudentDescriptions key={student.id} student={student} reveal={student.canReveal ? reveal : undefined} />}
    </Drawer>
  );
}
