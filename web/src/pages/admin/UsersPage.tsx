import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Answer, type UserDetail, type UserItem, type UserPage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { downloadBase64 } from '../../lib/download.ts';
import { useMarks } from '../../lib/hooks.ts';

const roles = [
  'admin',
  'academic_affairs',
  'advisory_member',
  'group_lead',
  'major_lead',
  'lab_manager',
  'teacher',
  'supervisor',
  'student',
  'enterprise_partner',
  'evaluator',
] as const;
type Role = (typeof roles)[number];
const statuses = ['active', 'pending', 'locked', 'disabled'] as const;
type Status = (typeof statuses)[number];
const statusColors: Record<Status, string> = { active: 'green', pending: 'gold', locked: 'orange', disabled: 'default' };
type Institutions = Answer<'/api/institutions'>;
type ClusterTree = Answer<'/api/cluster-tree'>;

function useInstitutions() {
  const [list, setList] = useState<Institutions | null>(null);
  useEffect(() => {
    api
      .institutions()
      .then(setList)
      .catch(() => setList({ alliances: [], institutions: [] }));
  }, []);
  return list;
}

/** alliance → institutions; the user's institution opens into cluster → group → major. */
function scopeTreeData(institutions: Institutions | null, tree: ClusterTree, institutionId: number | null) {
  if (!institutions) return [];
  return institutions.alliances.map((alliance) => ({
    value: `alliance:${alliance.id}`,
    title: alliance.name,
    children: institutions.institutions
      .filter((institution) => institution.allianceId === alliance.id)
      .map((institution) => ({
        value: `institution:${institution.id}`,
        title: institution.name,
        children:
          institution.id === institutionId
            ? tree.map((cluster) => ({
                value: `cluster:${cluster.id}`,
                title: cluster.name,
                children: cluster.groups.map((group) => ({
                  value: `group:${group.id}`,
                  title: group.name,
                  children: group.majors.map((major) => ({ value: `major:${major.id}`, title: `${major.code} ${major.name}` })),
                })),
              }))
            : [],
      })),
  }));
}

function CodeModal({
  code,
  onClose,
}: {
  code: { username: string; activationCode: string; expiresAt: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={Boolean(code)}
      title={t('users.codeTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {code && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={3} copyable style={{ fontFamily: 'Consolas, monospace', margin: 0 }} data-testid="activation-code">
            {code.activationCode}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('users.codeHint', { username: code.username, until: dayjs(code.expiresAt).format('YYYY-MM-DD') })}
          </Typography.Text>
        </Space>
      )}
    </Modal>
  );
}

function UserDrawer({ userId, onClose, onChanged }: { userId: number | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const mark = useMarks();
  const { message } = App.useApp();
  const { me } = useAuth();
  const institutions = useInstitutions();
  const [user, setUser] = useState<UserDetail | null>(null);
  const [tree, setTree] = useState<ClusterTree>([]);
  const [code, setCode] = useState<{ username: string; activationCode: string; expiresAt: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [grantForm] = Form.useForm<{ role: Role; scope: string; validity?: [Dayjs | null, Dayjs | null] }>();
  const [editForm] = Form.useForm<{ displayName: string; email?: string }>();

  const load = useCallback(async () => {
    if (!userId) return;
    try {
      const next = await api.user(userId);
      setUser(next);
      setTree(await api.clusterTree().catch(() => []));
    } catch (error) {
      message.error(errorMessage(error));
    }
  }, [userId, message]);
  useEffect(() => {
    setUser(null);
    void load();
  }, [load]);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) message.success(done);
      await load();
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const self = user?.id === me?.userId;
  const labelOf = (role: string) => t(`roles.${role}`);

  return (
    <Drawer
      open={userId !== null}
      onClose={onClose}
      size={640}
      title={user ? `${user.displayName}${mark.paren(user.username)}` : ''}
      data-testid="user-drawer"
    >
      {user && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {self && <Alert type="info" showIcon title={t('users.self')} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('users.status')}>
              <Tag color={statusColors[user.status]} data-testid="user-status">
                {t(`users.statuses.${user.status}`)}
              </Tag>
              {user.activation && t('users.activationPending', { until: dayjs(user.activation.expiresAt).format('YYYY-MM-DD') })}
            </Descriptions.Item>
            <Descriptions.Item label={t('users.kind')}>{t(`users.kinds.${user.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('users.institution')}>
              {institutions?.institutions.find((entry) => entry.id === user.institutionId)?.name ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('users.email')}>{user.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('users.passwordChanged')}>
              {dayjs(user.passwordChangedAt).format('YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('users.failedLogins')}>
              {user.failedLogins.length === 0
                ? t('users.noFailures')
                : user.failedLogins.map((row) => `${row.address} × ${row.failures}`).join(mark.semicolon)}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button
              onClick={() => {
                editForm.setFieldsValue({ displayName: user.displayName, email: user.email ?? undefined });
                setEditing(true);
              }}
            >
              {t('users.edit')}
            </Button>
            {user.status === 'disabled' ? (
              <Button onClick={() => void act(() => api.enableUser(user.id))} disabled={self} data-testid="user-enable">
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm title={t('users.disableConfirm')} onConfirm={() => void act(() => api.disableUser(user.id))} disabled={self}>
                <Button danger disabled={self} data-testid="user-disable">
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
            {user.failedLogins.length > 0 && (
              <Button onClick={() => void act(() => api.unlockUser(user.id))} data-testid="user-unlock">
                {t('users.unlock')}
              </Button>
            )}
            <Popconfirm
              title={t('users.resetConfirm')}
              disabled={self}
              onConfirm={() =>
                void act(async () => {
                  const answer = await api.resetUser(user.id);
                  setCode({ username: user.username, activationCode: answer.activationCode, expiresAt: answer.expiresAt });
                })
              }
            >
              <Button disabled={self} data-testid="user-reset">
                {t('users.reset')}
              </Button>
            </Popconfirm>
          </Space>

          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('users.grants')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={user.grants}
            locale={{ emptyText: t('users.noGrants') }}
            data-testid="user-grants"
            columns={[
              { title: t('users.role'), key: 'role', render: (_, grant) => labelOf(grant.role), width: 130 },
              { title: t('users.scope'), dataIndex: 'scopeLabel' },
              {
                title: t('users.validity'),
                key: 'validity',
                width: 170,
                render: (_, grant) =>
                  grant.validFrom || grant.validUntil
                    ? `${grant.validFrom ?? '…'} ${t('users.until')} ${grant.validUntil ?? '…'}`
                    : t('users.always'),
              },
              {
                title: '',
                key: 'revoke',
                width: 70,
                render: (_, grant) => (
                  <Popconfirm
                    title={t('users.revokeConfirm')}
                    onConfirm={() => void act(() => api.revokeGrant(user.id, grant.id))}
                    disabled={self}
                  >
                    <Button
                      size="small"
                      type="link"
                      danger
                      disabled={self}
                      data-testid={`revoke-${grant.role}-${grant.scopeType}-${grant.scopeId}`}
                    >
                      {t('users.revoke')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          {!self && (
            <Form
              form={grantForm}
              layout="vertical"
              requiredMark={false}
              data-testid="grant-form"
              onFinish={(values) => {
                const [scopeType, scopeId] = values.scope.split(':');
                const [from, until] = values.validity ?? [null, null];
                void act(
                  () =>
                    api.grantRole(user.id, {
                      role: values.role,
                      scopeType: scopeType as 'group',
                      scopeId: Number(scopeId),
                      validFrom: from ? from.format('YYYY-MM-DD') : null,
                      validUntil: until ? until.format('YYYY-MM-DD') : null,
                    }),
                  t('users.done'),
                ).then(() => grantForm.resetFields());
              }}
            >
              <Typography.Text strong>{t('users.addGrant')}</Typography.Text>
              <Space wrap align="start" style={{ marginTop: 8 }}>
                <Form.Item name="role" rules={[{ required: true, message: t('users.required') }]} style={{ marginBottom: 8 }}>
                  <Select
                    placeholder={t('users.role')}
                    style={{ width: 160 }}
                    options={roles.map((role) => ({ value: role, label: labelOf(role) }))}
                    data-testid="grant-role"
                  />
                </Form.Item>
                <Form.Item name="scope" rules={[{ required: true, message: t('users.required') }]} style={{ marginBottom: 8 }}>
                  <TreeSelect
                    placeholder={t('users.scope')}
                    style={{ width: 240 }}
                    treeData={scopeTreeData(institutions, tree, user.institutionId)}
                    treeDefaultExpandAll
                    showSearch
                    treeNodeFilterProp="title"
                    data-testid="grant-scope"
                  />
                </Form.Item>
                <Form.Item name="validity" style={{ marginBottom: 8 }}>
                  <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('users.from'), t('users.until')]} />
                </Form.Item>
                <Button type="primary" htmlType="submit" data-testid="grant-submit">
                  {t('users.grant')}
                </Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
      <Modal
        open={editing}
        title={t('users.edit')}
        okText={t('users.save')}
        cancelText={t('users.cancel')}
        onCancel={() => setEditing(false)}
        onOk={() =>
          void editForm
            .validateFields()
            .then((values) =>
              act(() => api.updateUser(user!.id, { displayName: values.displayName, email: values.email || null }), t('users.done')).then(
                () => setEditing(false),
              ),
            )
        }
      >
        <Form form={editForm} layout="vertical" requiredMark={false}>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('users.required') }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <CodeModal code={code} onClose={() => setCode(null)} />
    </Drawer>
  );
}

function ProvisionModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const mark = useMarks();
  const { me } = useAuth();
  const [form] = Form.useForm<{
    range: 'institution' | 'class';
    classId?: number;
    kinds: Array<'student' | 'teacher'>;
    reissue?: boolean;
    delivery: 'sheet' | 'email';
  }>();
  const [classes, setClasses] = useState<Answer<'/api/classes'>>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Answer<'/api/accounts/provision', 'post'> | null>(null);
  const range = Form.useWatch('range', form);
  const delivery = Form.useWatch('delivery', form);

  useEffect(() => {
    if (open) api.classes({}).then(setClasses, () => setClasses([]));
  }, [open]);

  const run = async () => {
    const values = await form.validateFields();
    if (!me?.institutionId) return;
    setRunning(true);
    setError(null);
    try {
      const answer = await api.provisionAccounts({
        institutionId: me.institutionId,
        classId: values.range === 'class' ? values.classId : undefined,
        kinds: values.range === 'class' ? ['student'] : values.kinds,
        reissue: Boolean(values.reissue),
        delivery: values.delivery,
      });
      setResult(answer);
      if (answer.sheet) downloadBase64(answer.sheet.fileName, answer.sheet.base64);
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.provisionTitle')}
      width={620}
      onCancel={() => {
        setResult(null);
        setError(null);
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.provisionIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ range: 'class', kinds: ['student'], delivery: 'sheet' }}>
        <Form.Item name="range" label={t('users.provisionScope')}>
          <Radio.Group
            options={[
              { value: 'class', label: t('users.oneClass') },
              { value: 'institution', label: t('users.wholeInstitution') },
            ]}
            data-testid="provision-range"
          />
        </Form.Item>
        {range !== 'institution' ? (
          <Form.Item name="classId" label={t('users.class')} rules={[{ required: true, message: t('users.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={classes.map((entry) => ({ value: entry.id, label: `${entry.name}${mark.paren(entry.students)}` }))}
              data-testid="provision-class"
            />
          </Form.Item>
        ) : (
          <Form.Item name="kinds" label={t('users.kindsToOpen')} rules={[{ required: true, message: t('users.required') }]}>
            <Checkbox.Group
              options={[
                { value: 'student', label: t('users.kinds.student') },
                { value: 'teacher', label: t('users.kinds.teacher') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="reissue" valuePropName="checked">
          <Checkbox>{t('users.reissue')}</Checkbox>
        </Form.Item>
        <Form.Item name="delivery" label={t('users.codeDelivery')} extra={delivery === 'email' ? t('users.deliveryEmailHint') : undefined}>
          <Radio.Group
            options={[
              { value: 'sheet', label: t('users.deliverySheet') },
              { value: 'email', label: t('users.deliveryEmail') },
            ]}
            data-testid="provision-delivery"
          />
        </Form.Item>
        <Button
          type="primary"
          icon={<TeamOutlined />}
          loading={running}
          onClick={() => void run().catch(() => undefined)}
          data-testid="provision-run"
        >
          {delivery === 'email' ? t('users.provisionRunEmail') : t('users.provisionRun')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="provision-error" />}
      {result && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="provision-result">
          <Alert
            type="success"
            showIcon
            title={t('users.provisionDone', result.summary)}
            description={
              result.summary.mailed > 0 ? t('users.deliveryResult', { ...result.summary, count: result.summary.mailed }) : undefined
            }
          />
          {result.summary.conflicts.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('users.conflicts', {
                count: result.summary.conflicts.length,
                names: result.summary.conflicts.map((entry) => `${entry.displayName}${mark.paren(entry.username)}`).join(mark.list),
              })}
            />
          )}
          {result.sheet ? (
            <Button onClick={() => downloadBase64(result.sheet!.fileName, result.sheet!.base64)} data-testid="provision-download">
              {t('users.downloadAgain')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('users.noSheet')}</Typography.Text>
          )}
        </Space>
      )}
    </Modal>
  );
}

function CreateUserModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const institutions = useInstitutions();
  const [form] = Form.useForm<{ username: string; displayName: string; email?: string; institutionId?: number }>();
  const [code, setCode] = useState<{ username: string; activationCode: string; expiresAt: string } | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const answer = await api.createUser({ ...values, email: values.email || null, institutionId: values.institutionId ?? null });
      setCode({ username: answer.username, activationCode: answer.activationCode, expiresAt: answer.expiresAt });
      form.resetFields();
      onDone();
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <Modal
        open={open}
        title={t('users.create')}
        okText={t('users.save')}
        cancelText={t('users.cancel')}
        onCancel={onClose}
        onOk={() => void submit().catch(() => undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ institutionId: me?.institutionId ?? undefined }}>
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, message: t('users.required') }, { pattern: /^[A-Za-z0-9._@-]{2,60}$/ }]}
          >
            <Input maxLength={60} data-testid="create-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('users.required') }]}>
            <Input maxLength={60} data-testid="create-name" />
          </Form.Item>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="institutionId" label={t('users.institution')}>
            <Select allowClear options={(institutions?.institutions ?? []).map((entry) => ({ value: entry.id, label: entry.name }))} />
          </Form.Item>
        </Form>
      </Modal>
      <CodeModal code={code} onClose={() => setCode(null)} />
    </>
  );
}

/** 用户与权限: accounts of the institutions the administrator manages, with their roles. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const institutions = useInstitutions();
  const [filters, setFilters] = useState<{ q?: string; role?: Role; status?: Status; institutionId?: number }>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<UserPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openUser, setOpenUser] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [provisioning, setProvisioning] = useState(false);

  const load = useCallback(() => {
    api
      .users({ ...filters, page, pageSize: 20 })
      .then((answer) => {
        setData(answer);
        setError(null);
      })
      .catch((caught) => setError(errorMessage(caught)));
  }, [filters, page]);
  useEffect(load, [load]);

  const institutionName = useMemo(
    () => new Map((institutions?.institutions ?? []).map((entry) => [entry.id, entry.shortName ?? entry.name])),
    [institutions],
  );

  return (
    <PageCard
      title={t('users.title')}
      extra={
        <Space wrap>
          {can('accounts.provision') && (
            <Button icon={<TeamOutlined />} onClick={() => setProvisioning(true)} data-testid="open-provision">
              {t('users.provision')}
            </Button>
          )}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
            {t('users.create')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          style={{ width: 240 }}
          onSearch={(value) => {
            setPage(1);
            setFilters((current) => ({ ...current, q: value || undefined }));
          }}
          data-testid="users-search"
        />
        <Select
          allowClear
          placeholder={t('users.allRoles')}
          style={{ width: 170 }}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          onChange={(role?: Role) => {
            setPage(1);
            setFilters((current) => ({ ...current, role }));
          }}
          data-testid="users-role"
        />
        <Select
          allowClear
          placeholder={t('users.allStatuses')}
          style={{ width: 150 }}
          options={statuses.map((status) => ({ value: status, label: t(`users.statuses.${status}`) }))}
          onChange={(status?: Status) => {
            setPage(1);
            setFilters((current) => ({ ...current, status }));
          }}
          data-testid="users-status"
        />
        <Select
          allowClear
          placeholder={t('users.allInstitutions')}
          style={{ width: 220 }}
          options={(institutions?.institutions ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
          onChange={(institutionId?: number) => {
            setPage(1);
            setFilters((current) => ({ ...current, institutionId }));
          }}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<UserItem>
        rowKey="id"
        size="middle"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        data-testid="users-table"
        scroll={{ x: 900 }}
        onRow={(record) => ({ onClick: () => setOpenUser(record.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 170 },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 150 },
          { title: t('users.kind'), key: 'kind', width: 80, render: (_, user) => t(`users.kinds.${user.kind}`) },
          {
            title: t('users.status'),
            key: 'status',
            width: 110,
            render: (_, user) => <Tag color={statusColors[user.status]}>{t(`users.statuses.${user.status}`)}</Tag>,
          },
          {
            title: t('users.grants'),
            key: 'grants',
            render: (_, user) => (
              <Space size={[4, 4]} wrap>
                {user.grants.map((grant) => (
                  <Tag key={grant.id}>
                    {t(`roles.${grant.role}`)} · {grant.scopeLabel}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('users.institution'),
            key: 'institution',
            width: 140,
            render: (_, user) => (user.institutionId ? (institutionName.get(user.institutionId) ?? '') : '—'),
          },
        ]}
      />
      <UserDrawer userId={openUser} onClose={() => setOpenUser(null)} onChanged={load} />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onDone={load} />
      <ProvisionModal open={provisioning} onClose={() => setProvisioning(false)} onDone={load} />
    </PageCard>
  );
}
