import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { creditbankApi, errorMessage, type Certificate, type CertificateLevel, type CertificateMapping } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { useClusterTree } from '../courses/shared.tsx';
import { certificateName, useCatalogue, useCoursePool } from './shared.tsx';
import { useAsyncAction } from '../../lib/hooks.ts';

/** Edits one certificate's course mappings (证书-课程 映射): which courses it covers, from which level. */
function MappingDrawer({
  certificate,
  pool,
  onClose,
  onSaved,
}: {
  certificate: Certificate | null;
  pool: ReturnType<typeof useCoursePool>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Array<{ courseId: number | null; minLevel: CertificateLevel }>>([]);
  const saving = useAsyncAction();
  const { clear } = saving;

  useEffect(() => {
    setRows(certificate ? certificate.mappings.map((mapping) => ({ ...mapping })) : []);
    clear();
  }, [certificate, clear]);

  const taken = new Set(rows.map((row) => row.courseId));
  const options = pool.courses
    .filter((course) => !certificate || course.clusterId === certificate.clusterId)
    .map((course) => ({ value: course.id, label: `${course.code} ${course.name}`, disabled: taken.has(course.id) }));

  const save = async () => {
    if (!certificate) return;
    const mappings: CertificateMapping[] = rows
      .filter((row) => row.courseId !== null)
      .map((row) => ({ courseId: row.courseId!, minLevel: row.minLevel }));
    if (await saving.run(() => creditbankApi.setMappings(certificate.id, mappings))) {
      message.success(t('common.saved'));
      onSaved();
    }
  };

  return (
    <Drawer
      open={certificate !== null}
      onClose={onClose}
      size={640}
      title={
        certificate
          ? t('creditbank.catalogue.mappingTitle', { code: certificate.code, name: certificateName(certificate, i18n.language) })
          : ''
      }
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving.busy} onClick={() => void save()} data-testid="mapping-save">
          {t('common.save')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('creditbank.catalogue.mappingHint')}</Typography.Paragraph>
      {saving.error && <Alert type="error" showIcon title={saving.error} style={{ marginBottom: 12 }} data-testid="mapping-error" />}
      <Table
        size="small"
        pagination={false}
        rowKey={(_row, index) => String(index)}
        dataSource={rows}
        data-testid="mapping-rows"
        locale={{ emptyText: t('creditbank.catalogue.noMappings') }}
        columns={[
          {
            title: t('creditbank.catalogue.course'),
            key: 'course',
            render: (_, row, index) => (
              <Select
                style={{ width: '100%' }}
                showSearch={{ optionFilterProp: 'label' }}
                value={row.courseId ?? undefined}
                placeholder={t('creditbank.claimForm.pickCourse')}
                loading={!pool.loaded}
                options={options}
                data-testid={`mapping-course-${index}`}
                onChange={(courseId: number) => setRows(rows.map((entry, at) => (at === index ? { ...entry, courseId } : entry)))}
              />
            ),
          },
          {
            title: t('creditbank.catalogue.minLevel'),
            key: 'minLevel',
            width: 150,
            render: (_, row, index) => (
              <Select
                style={{ width: '100%' }}
                value={row.minLevel}
                data-testid={`mapping-level-${index}`}
                options={(certificate?.levels ?? []).map((level) => ({ value: level, label: t(`creditbank.level.${level}`) }))}
                onChange={(minLevel: CertificateLevel) => setRows(rows.map((entry, at) => (at === index ? { ...entry, minLevel } : entry)))}
              />
            ),
          },
          {
            key: 'remove',
            width: 48,
            render: (_, _row, index) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('creditbank.catalogue.remove')}
                onClick={() => setRows(rows.filter((_entry, at) => at !== index))}
              />
            ),
          },
        ]}
      />
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        style={{ marginTop: 12 }}
        disabled={!certificate || rows.length >= 50}
        data-testid="mapping-add"
        onClick={() =>
          certificate &&
          setRows([
            ...rows,
            { courseId: null, minLevel: certificate.levels.includes('intermediate') ? 'intermediate' : certificate.levels[0]! },
          ])
        }
      >
        {t('creditbank.catalogue.addMapping')}
      </Button>
    </Drawer>
  );
}

/** 证书目录与课程映射: the certificates the credit bank recognises and the courses each covers. */
export default function CertificatesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const catalogue = useCatalogue();
  const pool = useCoursePool(can('course.read'));
  const tree = useClusterTree();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Certificate | null>(null);
  const mayEdit = can('creditbank.catalogue');

  const shown = useMemo(() => {
    const text = query.trim().toLowerCase();
    if (!text) return catalogue.certificates;
    return catalogue.certificates.filter((row) => `${row.code} ${row.name} ${row.nameEn ?? ''} ${row.issuer}`.toLowerCase().includes(text));
  }, [catalogue.certificates, query]);

  const courseText = (courseId: number) => {
    const course = pool.course(courseId);
    return course ? course.code : `#${courseId}`;
  };

  return (
    <PageCard
      title={t('creditbank.catalogue.title')}
      extra={
        <Input.Search
          allowClear
          placeholder={t('creditbank.catalogue.search')}
          onSearch={setQuery}
          onChange={(event) => setQuery(event.target.value)}
          style={{ width: 260 }}
          data-testid="certificate-search"
        />
      }
    >
      {catalogue.error !== null && <Alert type="error" showIcon title={errorMessage(catalogue.error)} style={{ marginBottom: 12 }} />}
      <Table<Certificate>
        rowKey="id"
        size="small"
        data-testid="certificates-table"
        dataSource={shown}
        pagination={false}
        onRow={(row) => ({ 'data-testid': `certificate-row-${row.code}` }) as never}
        columns={[
          { title: t('creditbank.catalogue.code'), dataIndex: 'code', width: 150 },
          {
            title: t('creditbank.catalogue.name'),
            key: 'name',
            onCell: () => ({ style: { minWidth: 200 } }),
            render: (_, row) => (
              <Space size={4} wrap>
                {certificateName(row, i18n.language)}
                {row.guessed && (
                  <Tooltip title={t('creditbank.catalogue.guessedHint')}>
                    <Tag color="warning" data-testid="certificate-guessed">
                      {t('creditbank.catalogue.guessed')}
                    </Tag>
                  </Tooltip>
                )}
                {row.status !== 'active' && <Tag>{row.status}</Tag>}
              </Space>
            ),
          },
          {
            title: t('creditbank.catalogue.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (kind: Certificate['kind']) => t(`creditbank.catalogue.kinds.${kind}`),
          },
          { title: t('creditbank.catalogue.issuer'), dataIndex: 'issuer', width: 170 },
          {
            title: t('creditbank.catalogue.levels'),
            dataIndex: 'levels',
            width: 190,
            render: (levels: CertificateLevel[]) => levels.map((level) => <Tag key={level}>{t(`creditbank.level.${level}`)}</Tag>),
          },
          {
            title: t('creditbank.catalogue.ownerGroup'),
            dataIndex: 'ownerGroupId',
            width: 110,
            render: (id: number | null) => (id ? (tree.groupShortName(id) ?? `#${id}`) : t('creditbank.catalogue.wholeCluster')),
          },
          {
            title: t('creditbank.catalogue.mappings'),
            key: 'mappings',
            width: 240,
            render: (_, row) =>
              row.mappings.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                row.mappings.map((mapping) => (
                  <Tooltip key={mapping.courseId} title={pool.course(mapping.courseId)?.name}>
                    <Tag data-testid={`mapping-${row.code}-${courseText(mapping.courseId)}`}>
                      {courseText(mapping.courseId)} ≥ {t(`creditbank.level.${mapping.minLevel}`)}
                    </Tag>
                  </Tooltip>
                ))
              ),
          },
          ...(mayEdit
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 100,
                  render: (_: unknown, row: Certificate) => (
                    <Button size="small" onClick={() => setEditing(row)} data-testid={`edit-mappings-${row.code}`}>
                      {t('creditbank.catalogue.editMappings')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <MappingDrawer
        certificate={editing}
        pool={pool}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void catalogue.reload();
        }}
      />
    </PageCard>
  );
}
