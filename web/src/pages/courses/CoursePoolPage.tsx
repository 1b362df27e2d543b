import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { DiffOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLatest, usePagedList } from '../../lib/hooks.ts';
import {
  api,
  errorMessage,
  type Course,
  type CourseDetail,
  type CourseDiff,
  type CourseLayer,
  type CoursePage,
  type CourseStatus,
  type GroupRef,
  type ModuleType,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { LayerTag, layers, moduleTypes } from './shared.tsx';
import { formatDateTime } from '../../lib/format.ts';

export default function CoursePoolPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [layer, setLayer] = useState<CourseLayer | undefined>();
  const [ownerGroupId, setOwnerGroupId] = useState<number | undefined>();
  const [moduleType, setModuleType] = useState<ModuleType | undefined>();
  const [status, setStatus] = useState<CourseStatus | undefined>();
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<Course | null>(null);
  const navigate = useNavigate();
  const fetchPage = useCallback(
    (page: number) => api.courses({ page, pageSize, q, layer, ownerGroupId, moduleType, status }),
    [pageSize, q, layer, ownerGroupId, moduleType, status],
  );
  const { data, page, setPage, loading, error } = usePagedList<CoursePage>(fetchPage);

  useEffect(() => {
    setPage(1);
  }, [q, layer, ownerGroupId, moduleType, status, setPage]);

  // The groups (for names and the filter) stay while another filter's page loads.
  const [groups, setGroups] = useState<GroupRef[]>([]);
  useEffect(() => {
    if (data) setGroups(data.groups);
  }, [data]);
  const ownerName = (id: number | null) =>
    id === null ? t('courses.clusterShared') : (groups.find((group) => group.id === id)?.name ?? String(id));

  const onChange = (pagination: TablePaginationConfig) => {
    setPage(pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? 20);
  };

  return (
    <PageCard
      title={t('courses.title')}
      extra={
        can('course.rules') && (
          <Button icon={<SettingOutlined />} onClick={() => navigate('/credit-rules')} data-testid="open-credit-rules">
            {t('rules.title')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="course-search"
          placeholder={t('courses.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          data-testid="layer-filter"
          placeholder={t('courses.layerFilter')}
          style={{ width: 150 }}
          value={layer}
          onChange={setLayer}
          options={layers.map((value) => ({ value, label: t(`layer.${value}`) }))}
        />
        <Select
          allowClear
          data-testid="group-filter"
          placeholder={t('courses.groupFilter')}
          style={{ width: 200 }}
          value={ownerGroupId}
          onChange={setOwnerGroupId}
          options={[{ value: 0, label: t('courses.clusterShared') }, ...groups.map((group) => ({ value: group.id, label: group.name }))]}
        />
        <Select
          allowClear
          placeholder={t('courses.moduleFilter')}
          style={{ width: 190 }}
          value={moduleType}
          onChange={setModuleType}
          options={moduleTypes.map((value) => ({ value, label: t(`moduleType.${value}`) }))}
        />
        <Select
          allowClear
          placeholder={t('courses.statusFilter')}
          style={{ width: 130 }}
          value={status}
          onChange={setStatus}
          options={(['draft', 'published', 'retired'] as const).map((value) => ({ value, label: t(`courseStatus.${value}`) }))}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<Course>
        rowKey="id"
        size="middle"
        data-testid="courses-table"
        loading={loading}
        dataSource={data?.items ?? []}
        onChange={onChange}
        onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { count: total }),
        }}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('courses.code'), dataIndex: 'code', width: 100, fixed: 'left' },
          {
            title: t('courses.name'),
            key: 'name',
            render: (_, row) =>
              i18n.language === 'en' && row.nameEn ? (
                <span>
                  {row.nameEn} <Typography.Text type="secondary">{row.name}</Typography.Text>
                </span>
              ) : (
                row.name
              ),
          },
          { title: t('courses.layer'), dataIndex: 'layer', width: 110, render: (value: CourseLayer) => <LayerTag layer={value} /> },
          { title: t('courses.moduleType'), dataIndex: 'moduleType', width: 160, render: (value: ModuleType) => t(`moduleType.${value}`) },
          { title: t('courses.owner'), dataIndex: 'ownerGroupId', width: 170, render: (value: number | null) => ownerName(value) },
          { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
          {
            title: t('courses.hours'),
            key: 'hours',
            width: 170,
            render: (_, row) => t('courses.hoursSplit', { total: row.hours, theory: row.theoryHours, practice: row.practiceHours }),
          },
          { title: t('courses.assessment'), dataIndex: 'assessment', width: 130, render: (value: string) => t(`assessment.${value}`) },
          { title: t('courses.version'), dataIndex: 'versionNo', width: 84, render: (value: number) => `v${value}` },
          {
            title: t('courses.status'),
            dataIndex: 'status',
            width: 90,
            render: (value: string) => (
              <Tag color={value === 'published' ? 'green' : value === 'draft' ? 'gold' : 'default'}>{t(`courseStatus.${value}`)}</Tag>
            ),
          },
        ]}
      />
      <CourseDrawer course={open} groups={groups} onClose={() => setOpen(null)} />
    </PageCard>
  );
}

function formatValue(value: unknown, field: string, t: (key: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join('、');
  if (field === 'layer') return t(`layer.${String(value)}`);
  if (field === 'moduleType') return t(`moduleType.${String(value)}`);
  if (field === 'assessment') return t(`assessment.${String(value)}`);
  return String(value);
}

function CourseDrawer({ course, groups, onClose }: { course: Course | null; groups: GroupRef[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<CourseDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const [diff, setDiff] = useState<CourseDiff | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  const [diffing, setDiffing] = useState(false);

  useEffect(() => {
    if (!course) return;
    let cancelled = false;
    setDetail(null);
    setDetailError(null);
    setDiff(null);
    setDiffError(null);
    setFrom(course.versionNo > 1 ? course.versionNo - 1 : undefined);
    setTo(course.versionNo > 1 ? course.versionNo : undefined);
    api
      .course(course.id)
      .then((result) => {
        if (!cancelled) setDetail(result);
      })
      .catch((caught) => {
        if (!cancelled) setDetailError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [course]);

  const compare = async (left: number, right: number) => {
    if (!course) return;
    setDiffing(true);
    setDiffError(null);
    try {
      setDiff(await api.courseDiff(course.id, left, right));
    } catch (caught) {
      setDiffError(errorMessage(caught));
    } finally {
      setDiffing(false);
    }
  };

  // With two or more versions, show the latest change at once (the versions chosen when the course opened).
  const latest = useLatest({ compare, from, to });
  useEffect(() => {
    const { compare: run, from: left, to: right } = latest.current;
    if (detail && detail.versions.length > 1 && left && right) void run(left, right);
  }, [detail, latest]);

  const shown = detail ?? course;
  const owner =
    shown?.ownerGroupId == null
      ? t('courses.clusterShared')
      : (groups.find((group) => group.id === shown.ownerGroupId)?.name ?? String(shown.ownerGroupId));
  const versionOptions = (detail?.versions ?? []).map((version) => ({ value: version.versionNo, label: `v${version.versionNo}` }));

  return (
    <Drawer open={course !== null} onClose={onClose} title={shown ? `${shown.code} ${shown.name}` : ''} size={640} destroyOnHidden>
      {shown && (
        <div data-testid="course-drawer">
          <Descriptions bordered column={2} size="small">
            <Descriptions.Item label={t('courses.code')}>{shown.code}</Descriptions.Item>
            <Descriptions.Item label={t('courses.version')}>v{shown.versionNo}</Descriptions.Item>
            <Descriptions.Item label={t('courses.name')} span={2}>
              {shown.name}
              {shown.nameEn ? ` / ${shown.nameEn}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('courses.layer')}>
              <LayerTag layer={shown.layer} full />
            </Descriptions.Item>
            <Descriptions.Item label={t('courses.moduleType')}>{t(`moduleType.${shown.moduleType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('courses.owner')}>{owner}</Descriptions.Item>
            <Descriptions.Item label={t('courses.credits')}>{shown.credits}</Descriptions.Item>
            <Descriptions.Item label={t('courses.theoryHours')}>{shown.theoryHours}</Descriptions.Item>
            <Descriptions.Item label={t('courses.practiceHours')}>{shown.practiceHours}</Descriptions.Item>
            <Descriptions.Item label={t('courses.assessment')}>{t(`assessment.${shown.assessment}`)}</Descriptions.Item>
            <Descriptions.Item label={t('courses.status')}>{t(`courseStatus.${shown.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('courses.prerequisites')} span={2}>
              {shown.prerequisiteCodes.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('courses.certificates')} span={2}>
              {shown.certificateCodes.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('courses.description')} span={2}>
              {shown.description ?? '—'}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('courses.versions')}
          </Typography.Title>
          {detailError && <Alert type="warning" showIcon title={detailError} data-testid="course-detail-error" />}
          {!detail && !detailError && <Spin />}
          {detail && (
            <Table
              size="small"
              rowKey="versionNo"
              pagination={false}
              data-testid="course-versions"
              dataSource={detail.versions}
              columns={[
                {
                  title: t('courses.version'),
                  dataIndex: 'versionNo',
                  width: 70,
                  render: (value: number) => (
                    <Space size={4}>
                      v{value}
                      {value === detail.versionNo && <Tag color="blue">{t('courses.current')}</Tag>}
                    </Space>
                  ),
                },
                { title: t('courses.credits'), dataIndex: 'credits', width: 72 },
                {
                  title: t('courses.hours'),
                  key: 'hours',
                  render: (_, row) =>
                    t('courses.hoursSplit', {
                      total: row.theoryHours + row.practiceHours,
                      theory: row.theoryHours,
                      practice: row.practiceHours,
                    }),
                },
                { title: t('courses.createdAt'), dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value) },
              ]}
            />
          )}

          {detail && detail.versions.length > 1 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('courses.diff')}
              </Typography.Title>
              <Space wrap style={{ marginBottom: 12 }}>
                <Select style={{ width: 90 }} value={from} onChange={setFrom} options={versionOptions} aria-label={t('courses.diffFrom')} />
                <span>→</span>
                <Select style={{ width: 90 }} value={to} onChange={setTo} options={versionOptions} aria-label={t('courses.diffTo')} />
                <Button
                  icon={<DiffOutlined />}
                  loading={diffing}
                  disabled={!from || !to}
                  onClick={() => from && to && void compare(from, to)}
                  data-testid="course-diff-run"
                >
                  {t('courses.compare')}
                </Button>
              </Space>
              {diffError && <Alert type="error" showIcon title={diffError} />}
              {diff &&
                (diff.changes.length === 0 ? (
                  <Empty description={t('courses.noDifferences')} />
                ) : (
                  <Table
                    size="small"
                    rowKey="field"
                    pagination={false}
                    data-testid="course-diff"
                    dataSource={diff.changes}
                    columns={[
                      {
                        title: t('courses.field'),
                        dataIndex: 'field',
                        width: 140,
                        render: (field: string) => t(`courseField.${field}`, { defaultValue: field }),
                      },
                      {
                        title: `v${diff.from}`,
                        key: 'from',
                        render: (_, row) => (
                          <Typography.Text delete type="secondary">
                            {formatValue(row.from, row.field, t)}
                          </Typography.Text>
                        ),
                      },
                      {
                        title: `v${diff.to}`,
                        key: 'to',
                        render: (_, row) => <Typography.Text strong>{formatValue(row.to, row.field, t)}</Typography.Text>,
                      },
                    ]}
                  />
                ))}
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
