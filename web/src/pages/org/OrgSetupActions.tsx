import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Dropdown, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Answer, type ClusterNode } from '../../api.ts';
import { useAuth } from '../../auth.tsx';

type Kind = 'department' | 'cluster' | 'group' | 'major';
export type CreateKind = Kind;
type Departments = Answer<'/api/departments'>;
type Institutions = Answer<'/api/institutions'>;

interface Values {
  code: string;
  name: string;
  kind?: 'department' | 'secondary_college' | 'campus_unit';
  formedOn?: Dayjs | null;
  description?: string;
  clusterId?: number;
  departmentId?: number;
  coreMajorCode?: string;
  industryChain?: string;
  groupId?: number;
  firstEnrolmentYear?: number;
}

/**
 * 新建 on the cluster page: departments, clusters, groups (core major, lead department, industry chain) and majors.
 * A new group goes into the selected cluster unless another is chosen, a new major into the selected group;
 * `onCreated` gets the tree key of what was made (none for a department, which the tree does not show).
 */
export function OrgCreateMenu({
  tree,
  onCreated,
  clusterId,
  groupId,
  open,
}: {
  tree: ClusterNode[];
  onCreated: (key: string | null) => void;
  clusterId?: number;
  groupId?: number;
  /** Opens the form for a kind from elsewhere on the page (e.g. 新建专业集群 on an institution without one). */
  open?: { kind: Kind; at: number } | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [kind, setKind] = useState<Kind | null>(null);
  const [departments, setDepartments] = useState<Departments>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (open) setKind(open.kind);
  }, [open]);
  useEffect(() => {
    if (kind === 'group' || kind === 'major') api.departments().then(setDepartments, () => setDepartments([]));
  }, [kind]);
  if (!can('org.write')) return null;

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      let created: string | null = null;
      if (kind === 'department') await api.createDepartment({ code: values.code, name: values.name, kind: values.kind ?? 'department' });
      if (kind === 'cluster') {
        const cluster = await api.createCluster({
          code: values.code,
          name: values.name,
          formedOn: values.formedOn ? values.formedOn.format('YYYY-MM-DD') : null,
          description: values.description || null,
        });
        created = `cluster:${cluster.id}`;
      }
      if (kind === 'group') {
        const group = await api.createGroup({
          code: values.code,
          name: values.name,
          clusterId: values.clusterId ?? null,
          departmentId: values.departmentId ?? null,
          coreMajorCode: values.coreMajorCode || null,
          industryChain: values.industryChain || null,
        });
        created = `group:${group.id}`;
      }
      if (kind === 'major') {
        const major = await api.createMajor({
          code: values.code,
          name: values.name,
          groupId: values.groupId ?? null,
          departmentId: values.departmentId ?? null,
          firstEnrolmentYear: values.firstEnrolmentYear ?? null,
        });
        created = major.groupId ? `major:${major.id}` : null;
      }
      message.success(t('orgSetup.created'));
      form.resetFields();
      setKind(null);
      onCreated(created);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const groups = tree.flatMap((cluster) => cluster.groups);
  const codeRule =
    kind === 'major'
      ? { pattern: /^[0-9]{6}$/, message: t('orgSetup.majorCodeRule') }
      : { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('orgSetup.codeRule') };
  return (
    <>
      <Dropdown
        menu={{
          items: (['department', 'cluster', 'group', 'major'] as const).map((entry) => ({
            key: entry,
            label: <span data-testid={`create-${entry}`}>{t(`orgSetup.new.${entry}`)}</span>,
          })),
          onClick: ({ key }) => setKind(key as Kind),
        }}
      >
        <Button size="small" icon={<PlusOutlined />} data-testid="org-create">
          {t('orgSetup.create')}
        </Button>
      </Dropdown>
      <Modal
        open={kind !== null}
        title={kind ? t(`orgSetup.new.${kind}`) : ''}
        okText={t('orgSetup.save')}
        cancelText={t('orgSetup.cancel')}
        confirmLoading={saving}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setKind(null)}
        okButtonProps={{ 'data-testid': 'org-form-save' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
          <Form.Item name="code" label={t('org.code')} rules={[{ required: true, message: t('orgSetup.required') }, codeRule]}>
            <Input maxLength={40} data-testid="org-form-code" />
          </Form.Item>
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, message: t('orgSetup.required') }]}>
            <Input maxLength={100} data-testid="org-form-name" />
          </Form.Item>
          {kind === 'department' && (
            <Form.Item name="kind" label={t('orgSetup.departmentKind')} initialValue="department">
              <Select
                options={(['department', 'secondary_college', 'campus_unit'] as const).map((value) => ({
                  value,
                  label: t(`orgSetup.departmentKinds.${value}`),
                }))}
              />
            </Form.Item>
          )}
          {kind === 'cluster' && (
            <>
              <Form.Item name="formedOn" label={t('org.formedOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="description" label={t('org.description')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {kind === 'group' && (
            <>
              {/* The page shows groups within their cluster: a group made here belongs to one. */}
              <Form.Item
                name="clusterId"
                label={t('org.cluster')}
                initialValue={clusterId ?? (tree.length === 1 ? tree[0]!.id : undefined)}
                rules={[{ required: true, message: t('orgSetup.required') }]}
              >
                <Select options={tree.map((cluster) => ({ value: cluster.id, label: cluster.name }))} data-testid="org-form-cluster" />
              </Form.Item>
              <Form.Item
                name="coreMajorCode"
                label={t('org.coreMajor')}
                rules={[{ pattern: /^[0-9]{6}$/, message: t('orgSetup.majorCodeRule') }]}
              >
                <Input maxLength={6} />
              </Form.Item>
              <Form.Item name="industryChain" label={t('org.industryChain')}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          {kind === 'major' && (
            <>
              <Form.Item name="groupId" label={t('org.group')} initialValue={groupId}>
                <Select allowClear options={groups.map((group) => ({ value: group.id, label: group.name }))} data-testid="org-form-group" />
              </Form.Item>
              <Form.Item name="firstEnrolmentYear" label={t('org.firstEnrolmentYear')}>
                <InputNumber min={1949} max={2100} />
              </Form.Item>
            </>
          )}
          {(kind === 'group' || kind === 'major') && (
            <Form.Item name="departmentId" label={kind === 'group' ? t('orgSetup.leadDepartment') : t('orgSetup.department')}>
              <Select allowClear options={departments.map((department) => ({ value: department.id, label: department.name }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** 成员单位 for alliance administrators: each institution with the alliances it belongs to and its role there. */
export function MemberInstitutions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [data, setData] = useState<Institutions | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string; shortName?: string; kind: string; alliances: number[]; lead?: number[] }>();
  const load = () => api.institutions().then(setData, () => setData(null));
  useEffect(() => {
    void load();
  }, []);
  if (!can('institution.manage') || !data) return null;
  const allianceName = new Map(data.alliances.map((alliance) => [alliance.id, alliance.name]));

  const save = async () => {
    const values = await form.validateFields();
    try {
      await api.createInstitution({
        code: values.code,
        name: values.name,
        shortName: values.shortName || null,
        kind: values.kind as 'enterprise',
        memberships: values.alliances.map((allianceId) => ({ allianceId, role: values.lead?.includes(allianceId) ? 'lead' : 'member' })),
      });
      message.success(t('orgSetup.created'));
      setAdding(false);
      form.resetFields();
      await load();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Card
      data-testid="member-institutions"
      style={{ marginTop: 16 }}
      title={t('orgSetup.members')}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-institution">
          {t('orgSetup.addInstitution')}
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.institutions}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          {
            title: t('orgSetup.institutionKind'),
            key: 'kind',
            width: 110,
            render: (_, row) => t(`orgSetup.institutionKinds.${row.kind}`, row.kind),
          },
          {
            title: t('orgSetup.alliances'),
            key: 'memberships',
            render: (_, row) => (
              <Space size={[4, 4]} wrap>
                {row.memberships.map((membership) => (
                  <Tag key={membership.allianceId} color={membership.role === 'lead' ? 'blue' : undefined}>
                    {allianceName.get(membership.allianceId)}
                    {membership.role === 'lead' ? ` · ${t('orgSetup.lead')}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('orgSetup.addInstitution')}
        okText={t('orgSetup.save')}
        cancelText={t('orgSetup.cancel')}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ kind: 'enterprise' }}>
          <Form.Item
            name="code"
            label={t('org.code')}
            rules={[
              { required: true, message: t('orgSetup.required') },
              { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('orgSetup.codeRule') },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, message: t('orgSetup.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="shortName" label={t('org.shortName')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="kind" label={t('orgSetup.institutionKind')}>
            <Select
              options={['higher_vocational', 'secondary_vocational', 'technician_college', 'undergraduate', 'enterprise', 'other'].map(
                (value) => ({
                  value,
                  label: t(`orgSetup.institutionKinds.${value}`),
                }),
              )}
            />
          </Form.Item>
          <Form.Item name="alliances" label={t('orgSetup.alliances')} rules={[{ required: true, message: t('orgSetup.required') }]}>
            <Select mode="multiple" options={data.alliances.map((alliance) => ({ value: alliance.id, label: alliance.name }))} />
          </Form.Item>
          <Form.Item name="lead" label={t('orgSetup.leadIn')}>
            <Select mode="multiple" options={data.alliances.map((alliance) => ({ value: alliance.id, label: alliance.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
