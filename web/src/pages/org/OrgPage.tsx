import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined, BookOutlined, ClusterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  api,
  errorMessage,
  type ClusterNode,
  type GroupNode,
  type MajorDetail,
  type MajorListItem,
  type MajorNode,
  type MajorStatus,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { marks } from '../../lib/format.ts';
import { useMarks } from '../../lib/hooks.ts';
import { MajorStatusTag, useCodeLabel } from '../../components/StatusTag.tsx';
import { OrgEditButton, type Department } from './OrgEditActions.tsx';
import { MemberInstitutions, OrgCreateMenu, type CreateKind } from './OrgSetupActions.tsx';

type Selection =
  | { kind: 'cluster'; cluster: ClusterNode }
  | { kind: 'group'; group: GroupNode; cluster: ClusterNode }
  /** A major in a group of the tree, or (group null) one of the institution's majors in no group. */
  | { kind: 'major'; major: MajorNode; group: GroupNode | null }
  | null;

function findSelection(tree: ClusterNode[], key: string, majors: MajorListItem[] = []): Selection {
  const [kind, idText] = key.split(':');
  const id = Number(idText);
  for (const cluster of tree) {
    if (kind === 'cluster' && cluster.id === id) return { kind: 'cluster', cluster };
    for (const group of cluster.groups) {
      if (kind === 'group' && group.id === id) return { kind: 'group', group, cluster };
      for (const major of group.majors) if (kind === 'major' && major.id === id) return { kind: 'major', major, group };
    }
  }
  const outside = kind === 'major' ? majors.find((major) => major.id === id) : undefined;
  return outside ? { kind: 'major', major: outside, group: null } : null;
}

/** The keys of the nodes that have children (clusters and groups), which the tree can fold. */
function parentKeys(tree: ClusterNode[]): string[] {
  return tree.flatMap((cluster) => [`cluster:${cluster.id}`, ...cluster.groups.map((group) => `group:${group.id}`)]);
}

/** The cluster and group a node sits in, for unfolding them when it is selected. */
function ancestorKeys(tree: ClusterNode[], key: string): string[] {
  const selection = findSelection(tree, key);
  if (selection?.kind === 'group') return [`cluster:${selection.cluster.id}`];
  if (selection?.kind === 'major' && selection.group) return [`cluster:${selection.group.clusterId}`, `group:${selection.group.id}`];
  return [];
}

export default function OrgPage() {
  const { t, i18n } = useTranslation();
  const [tree, setTree] = useState<ClusterNode[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [majors, setMajors] = useState<MajorListItem[] | null>(null);
  const [creating, setCreating] = useState<{ kind: CreateKind; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  // The tree starts unfolded and stays so for nodes added later (a new cluster, a group in it): only the
  // nodes the person folded are folded. (Tree's defaultExpandAll unfolds only the nodes there at first.)
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());

  const load = useCallback(async (select?: string | null) => {
    try {
      setError(null);
      const data = await api.clusterTree();
      setTree(data);
      if (select) {
        setSelectedKey(select);
        const ancestors = ancestorKeys(data, select);
        setFolded((current) => new Set([...current].filter((key) => !ancestors.includes(key))));
      } else setSelectedKey((current) => current ?? (data[0] ? `cluster:${data[0].id}` : null));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  const loadDepartments = useCallback(() => api.departments().then(setDepartments, () => setDepartments([])), []);
  const loadMajors = useCallback(() => api.majors().then(setMajors, () => setMajors([])), []);

  useEffect(() => {
    void load();
    void loadDepartments();
    void loadMajors();
  }, [load, loadDepartments, loadMajors]);

  const treeData = useMemo<TreeDataNode[]>(
    () =>
      (tree ?? []).map((cluster) => ({
        key: `cluster:${cluster.id}`,
        icon: <ClusterOutlined />,
        title: <span data-testid={`tree-cluster-${cluster.code}`}>{cluster.name}</span>,
        children: cluster.groups.map((group) => ({
          key: `group:${group.id}`,
          icon: <ApartmentOutlined />,
          title: <span data-testid={`tree-group-${group.code}`}>{group.name}</span>,
          children: group.majors.map((major) => ({
            key: `major:${major.id}`,
            icon: <BookOutlined />,
            isLeaf: true,
            title: (
              <span
                data-testid={`tree-major-${major.code}`}
                style={major.status === 'revoked' ? { color: '#999', textDecoration: 'line-through' } : undefined}
              >
                {major.code} {major.name}
                {major.status !== 'enrolling' ? marks(i18n.language).paren(t(`majorStatus.${major.status}`)) : ''}
              </span>
            ),
          })),
        })),
      })),
    [tree, t, i18n.language],
  );

  const selection = tree && selectedKey ? findSelection(tree, selectedKey, majors ?? []) : null;
  const expandedKeys = (tree ? parentKeys(tree) : []).filter((key) => !folded.has(key));
  const reload = () => {
    void load();
    void loadMajors();
  };
  const noCluster = tree !== null && tree.length === 0;

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={9} xl={8}>
          <Card
            title={t('org.tree')}
            extra={
              <OrgCreateMenu
                tree={tree ?? []}
                clusterId={
                  selection?.kind === 'cluster' ? selection.cluster.id : selection?.kind === 'group' ? selection.cluster.id : undefined
                }
                groupId={selection?.kind === 'group' ? selection.group.id : selection?.kind === 'major' ? selection.group?.id : undefined}
                open={creating}
                onCreated={(key) => {
                  void load(key);
                  void loadDepartments();
                  void loadMajors();
                }}
              />
            }
            styles={{ body: { padding: 12, maxHeight: 'calc(100vh - 180px)', overflow: 'auto' } }}
          >
            {error && (
              <Alert
                type="error"
                showIcon
                title={error}
                action={
                  <Button size="small" onClick={() => void load()}>
                    {t('app.retry')}
                  </Button>
                }
              />
            )}
            {!tree && !error && <Spin />}
            {noCluster && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noClusterYet')} data-testid="tree-empty" />}
            {tree && !noCluster && (
              <Tree
                showIcon
                blockNode
                data-testid="cluster-tree"
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => {
                  const open = new Set(keys.map(String));
                  setFolded(new Set(parentKeys(tree).filter((key) => !open.has(key))));
                }}
                selectedKeys={selectedKey ? [selectedKey] : []}
                onSelect={(keys) => {
                  if (keys[0]) setSelectedKey(String(keys[0]));
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <div data-testid="org-details">
            {!selection && noCluster && <NoClusterCard onCreate={() => setCreating({ kind: 'cluster', at: Date.now() })} />}
            {!selection && !noCluster && (
              <Card>
                <Empty description={t('org.selectHint')} />
              </Card>
            )}
            {selection?.kind === 'cluster' && (
              <ClusterDetails
                cluster={selection.cluster}
                edit={
                  <OrgEditButton
                    target={{ kind: 'cluster', cluster: selection.cluster }}
                    departments={departments}
                    tree={tree!}
                    onSaved={reload}
                  />
                }
              />
            )}
            {selection?.kind === 'group' && (
              <GroupDetails
                group={selection.group}
                departments={departments}
                edit={
                  <OrgEditButton
                    target={{ kind: 'group', group: selection.group }}
                    departments={departments}
                    tree={tree!}
                    onSaved={reload}
                  />
                }
              />
            )}
            {selection?.kind === 'major' && (
              <MajorDetails
                key={selection.major.id}
                majorId={selection.major.id}
                group={selection.group}
                departments={departments}
                tree={tree!}
                onChanged={reload}
              />
            )}
          </div>
        </Col>
      </Row>
      <InstitutionCard
        departments={departments}
        majors={majors}
        tree={tree ?? []}
        selectedKey={selectedKey}
        onSelectMajor={(id) => {
          setSelectedKey(`major:${id}`);
          const ancestors = tree ? ancestorKeys(tree, `major:${id}`) : [];
          setFolded((current) => new Set([...current].filter((key) => !ancestors.includes(key))));
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
        onSaved={() => {
          void loadDepartments();
          void loadMajors();
        }}
      />
      <MemberInstitutions />
    </>
  );
}

/** An institution without a cluster yet: what a cluster is for here and how to make one (instead of "select on the left"). */
function NoClusterCard({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const mayCreate = can('org.write');
  return (
    <Card data-testid="no-cluster" title={t('org.noClusterTitle')}>
      <Typography.Paragraph>{t('org.noClusterWhy')}</Typography.Paragraph>
      {mayCreate ? (
        <>
          <ol style={{ paddingInlineStart: 20, marginBottom: 16 }}>
            <li>{t('org.noClusterStep1')}</li>
            <li>{t('org.noClusterStep2')}</li>
            <li>{t('org.noClusterStep3')}</li>
          </ol>
          <Button type="primary" icon={<ClusterOutlined />} onClick={onCreate} data-testid="no-cluster-create">
            {t('orgSetup.new.cluster')}
          </Button>
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('org.noClusterAsk')}</Typography.Paragraph>
      )}
    </Card>
  );
}

interface InstitutionRow {
  key: string;
  kind: 'department' | 'major';
  code: string;
  name: string;
  department?: Department;
  major?: MajorListItem;
  children?: InstitutionRow[];
  majors?: number;
  students: number;
}

/**
 * The whole institution: each department with all its majors (in a professional group or not), the group a
 * major belongs to, its level, first enrolment and enrolled students. A major opens its details above.
 */
function InstitutionCard({
  departments,
  majors,
  tree,
  selectedKey,
  onSelectMajor,
  onSaved,
}: {
  departments: Department[];
  majors: MajorListItem[] | null;
  tree: ClusterNode[];
  selectedKey: string | null;
  onSelectMajor: (id: number) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const codeLabel = useCodeLabel();
  const [institutionName, setInstitutionName] = useState<string | null>(null);
  useEffect(() => {
    api.institutions().then(
      (data) => setInstitutionName(data.institutions.find((institution) => institution.id === me?.institutionId)?.name ?? null),
      () => setInstitutionName(null),
    );
  }, [me?.institutionId]);
  const groups = useMemo(() => new Map(tree.flatMap((cluster) => cluster.groups).map((group) => [group.id, group])), [tree]);
  const rows = useMemo<InstitutionRow[]>(() => {
    const list = majors ?? [];
    const majorRow = (major: MajorListItem): InstitutionRow => ({
      key: `major:${major.id}`,
      kind: 'major',
      code: major.code,
      name: major.name,
      major,
      students: major.students,
    });
    const result: InstitutionRow[] = departments.map((department) => {
      const own = list.filter((major) => major.departmentId === department.id);
      return {
        key: `department:${department.id}`,
        kind: 'department',
        code: department.code,
        name: department.name,
        department,
        majors: own.length,
        students: own.reduce((sum, major) => sum + major.students, 0),
        children: own.length > 0 ? own.map(majorRow) : undefined,
      };
    });
    const homeless = list.filter((major) => !departments.some((department) => department.id === major.departmentId));
    if (homeless.length > 0)
      result.push({
        key: 'department:none',
        kind: 'department',
        code: '—',
        name: t('org.noDepartment'),
        majors: homeless.length,
        students: homeless.reduce((sum, major) => sum + major.students, 0),
        children: homeless.map(majorRow),
      });
    return result;
  }, [departments, majors, t]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  if (departments.length === 0 && (majors ?? []).length === 0) return null;
  const inGroups = (majors ?? []).filter((major) => major.groupId !== null).length;
  const expandable = rows.filter((row) => row.children).map((row) => row.key);
  return (
    <Card
      data-testid="institution"
      style={{ marginTop: 16 }}
      title={institutionName ? t('org.institutionTitle', { name: institutionName }) : t('org.institutionTitleBare')}
      extra={
        <Typography.Text type="secondary" data-testid="institution-counts">
          {t('org.institutionCounts', { departments: departments.length, majors: (majors ?? []).length, inGroups })}
        </Typography.Text>
      }
    >
      <Table<InstitutionRow>
        size="small"
        rowKey="key"
        pagination={false}
        loading={majors === null}
        dataSource={rows}
        data-testid="institution-table"
        expandable={{
          expandedRowKeys: expandable.filter((key) => !collapsed.has(key)),
          onExpand: (open, row) =>
            setCollapsed((current) => {
              const next = new Set(current);
              if (open) next.delete(row.key);
              else next.add(row.key);
              return next;
            }),
        }}
        rowClassName={(row) => (row.key === selectedKey ? 'ant-table-row-selected' : '')}
        onRow={(row) =>
          row.kind === 'major'
            ? { onClick: () => onSelectMajor(row.major!.id), style: { cursor: 'pointer' }, 'data-testid': `institution-major-${row.code}` }
            : { 'data-testid': `institution-department-${row.code}` }
        }
        columns={[
          {
            title: t('org.code'),
            dataIndex: 'code',
            width: 116,
            render: (code: string, row) => (row.kind === 'department' ? <Typography.Text strong>{code}</Typography.Text> : code),
          },
          {
            title: t('org.name'),
            dataIndex: 'name',
            render: (name: string, row) =>
              row.kind === 'department' ? (
                <Typography.Text strong>
                  {name}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
                    {t('org.majorCount', { count: row.majors ?? 0 })}
                  </Typography.Text>
                </Typography.Text>
              ) : (
                name
              ),
          },
          {
            title: t('org.levelOrKind'),
            key: 'level',
            width: 170,
            render: (_, row) =>
              row.kind === 'department'
                ? row.department
                  ? t(`orgSetup.departmentKinds.${row.department.kind}`, row.department.kind)
                  : '—'
                : codeLabel('majorLevel', row.major!.level),
          },
          {
            title: t('org.group'),
            key: 'group',
            width: 160,
            render: (_, row) => {
              if (row.kind === 'department') return null;
              const group = row.major!.groupId ? groups.get(row.major!.groupId) : undefined;
              return group ? (
                <Tag color="blue">{group.shortName ?? group.name}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('org.notInGroup')}</Typography.Text>
              );
            },
          },
          {
            title: t('org.firstEnrolmentYear'),
            key: 'first',
            width: 136,
            render: (_, row) => (row.kind === 'major' ? (row.major!.firstEnrolmentYear ?? '—') : null),
          },
          { title: t('org.students'), dataIndex: 'students', width: 84, align: 'right' },
          {
            title: t('org.status'),
            key: 'status',
            width: 100,
            render: (_, row) => (row.kind === 'major' ? <MajorStatusTag status={row.major!.status} /> : null),
          },
          ...(can('org.write')
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 96,
                  render: (_: unknown, row: InstitutionRow) =>
                    row.department ? (
                      <span onClick={(event) => event.stopPropagation()}>
                        <OrgEditButton
                          target={{ kind: 'department', department: row.department }}
                          departments={departments}
                          tree={tree}
                          onSaved={onSaved}
                          size="small"
                        />
                      </span>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function ClusterDetails({ cluster, edit }: { cluster: ClusterNode; edit: ReactNode }) {
  const { t } = useTranslation();
  const mark = useMarks();
  return (
    <Card
      title={
        <span>
          <ClusterOutlined /> {t('org.cluster')}
          {mark.colon}
          {cluster.name}
        </span>
      }
      extra={edit}
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('org.groups')} value={cluster.groups.length} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.majors')} value={cluster.majors} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.students')} value={cluster.students} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.teachers')} value={cluster.teachers} />
        </Col>
      </Row>
      <Descriptions bordered column={1} size="middle">
        <Descriptions.Item label={t('org.name')}>{cluster.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{cluster.code}</Descriptions.Item>
        <Descriptions.Item label={t('org.formedOn')}>{cluster.formedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.description')}>{cluster.description ?? '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function GroupDetails({ group, departments, edit }: { group: GroupNode; departments: Department[]; edit: ReactNode }) {
  const { t } = useTranslation();
  const mark = useMarks();
  const dualRatio = group.teachers > 0 ? Math.round((group.dualQualifiedTeachers / group.teachers) * 1000) / 10 : 0;
  return (
    <Card
      title={
        <span>
          <ApartmentOutlined /> {t('org.group')}
          {mark.colon}
          {group.name}
        </span>
      }
      extra={edit}
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('org.majors')} value={group.majors.length} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.students')} value={group.students} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.teachers')} value={group.teachers} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('org.dualQualified')}
            value={group.dualQualifiedTeachers}
            suffix={
              <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                ({dualRatio}%)
              </Typography.Text>
            }
          />
        </Col>
      </Row>
      <Descriptions bordered column={2} size="middle" styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('org.name')}>{group.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{group.code}</Descriptions.Item>
        <Descriptions.Item label={t('org.shortName')}>{group.shortName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.coreMajor')}>
          {group.coreMajorCode ? `${group.coreMajorCode} ${group.majors.find((m) => m.code === group.coreMajorCode)?.name ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('orgSetup.leadDepartment')}>
          {departments.find((department) => department.id === group.departmentId)?.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.industryChain')}>{group.industryChain ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Table
        style={{ marginTop: 16 }}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={group.majors}
        columns={[
          { title: t('org.code'), dataIndex: 'code', width: 100 },
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.status'), dataIndex: 'status', width: 100, render: (status: MajorStatus) => <MajorStatusTag status={status} /> },
          { title: t('org.students'), dataIndex: 'students', width: 100, align: 'right' },
        ]}
      />
    </Card>
  );
}

function MajorDetails({
  majorId,
  group,
  departments,
  tree,
  onChanged,
}: {
  majorId: number;
  group: GroupNode | null;
  departments: Department[];
  tree: ClusterNode[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const mark = useMarks();
  const { can } = useAuth();
  const codeLabel = useCodeLabel();
  const [major, setMajor] = useState<MajorDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);

  const load = useCallback(async () => {
    try {
      setError(null);
      setMajor(await api.major(majorId));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [majorId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error)
    return (
      <Card>
        <Alert type="error" showIcon title={error} />
      </Card>
    );
  if (!major)
    return (
      <Card>
        <Spin />
      </Card>
    );

  return (
    <Card
      title={
        <span>
          <BookOutlined /> {t('org.major')}
          {mark.colon}
          {major.code} {major.name}
        </span>
      }
      extra={
        <Space>
          <OrgEditButton
            target={{ kind: 'major', major }}
            departments={departments}
            tree={tree}
            onSaved={() => {
              void load();
              onChanged();
            }}
          />
          {can('major.status') && (
            <Button data-testid="change-status" onClick={() => setChanging(true)}>
              {t('org.changeStatus')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions bordered column={2} size="middle" data-testid="major-descriptions" styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('org.name')}>{major.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{major.code}</Descriptions.Item>
        <Descriptions.Item label={t('org.group')}>{group?.name ?? t('org.notInGroup')}</Descriptions.Item>
        <Descriptions.Item label={t('org.status')}>
          <MajorStatusTag status={major.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('org.level')}>{codeLabel('majorLevel', major.level)}</Descriptions.Item>
        <Descriptions.Item label={t('org.firstEnrolmentYear')}>{major.firstEnrolmentYear ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orgSetup.department')} span={2}>
          {departments.find((department) => department.id === major.departmentId)?.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.students')}>{major.students}</Descriptions.Item>
        <Descriptions.Item label={t('org.classes')}>{major.classes.length}</Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('org.statusHistory')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(row) => `${row.changedAt}-${row.toStatus}`}
        pagination={false}
        data-testid="status-history"
        dataSource={major.statusHistory}
        columns={[
          {
            title: t('org.fromStatus'),
            dataIndex: 'fromStatus',
            render: (status: MajorStatus | null) => (status ? <MajorStatusTag status={status} /> : t('org.initial')),
          },
          { title: t('org.toStatus'), dataIndex: 'toStatus', render: (status: MajorStatus) => <MajorStatusTag status={status} /> },
          { title: t('org.effectiveYear'), dataIndex: 'effectiveYear', render: (year: number | null) => year ?? '—' },
          { title: t('org.reason'), dataIndex: 'reason', render: (reason: string | null) => reason || '—' },
          { title: t('org.changedAt'), dataIndex: 'changedAt', render: (at: string) => new Date(at).toLocaleString() },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('org.classes')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={major.classes}
        columns={[
          { title: t('org.classCode'), dataIndex: 'code' },
          { title: t('org.className'), dataIndex: 'name' },
          { title: t('org.cohortYear'), dataIndex: 'cohortYear' },
        ]}
      />
      {changing && (
        <StatusModal
          major={major}
          onClose={() => setChanging(false)}
          onDone={() => {
            setChanging(false);
            void load();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

interface StatusValues {
  status: MajorStatus;
  effectiveYear?: number;
  reason?: string;
}

function StatusModal({ major, onClose, onDone }: { major: MajorDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const mark = useMarks();
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusValues>();
  const [saving, setSaving] = useState(false);
  const statuses: MajorStatus[] = ['enrolling', 'suspended', 'revoked'];

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.changeMajorStatus(major.id, {
        status: values.status,
        effectiveYear: values.effectiveYear ?? undefined,
        reason: values.reason?.trim() || undefined,
      });
      message.success(t('org.statusChanged'));
      onDone();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('org.changeStatus')}${mark.colon}${major.code} ${major.name}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: statuses.find((s) => s !== major.status), effectiveYear: new Date().getFullYear() }}
      >
        <Form.Item name="status" label={t('org.newStatus')} rules={[{ required: true }]}>
          <Select options={statuses.filter((s) => s !== major.status).map((s) => ({ value: s, label: t(`majorStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="effectiveYear" label={t('org.effectiveYear')}>
          <InputNumber min={1949} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('org.reason')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
