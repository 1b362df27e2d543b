import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { MailOutlined, PlusOutlined, RobotOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ClusterNode } from '../../api.ts';
import { client, unwrap } from '../../api/client.ts';
import type { ChannelInput, Delivery, NotificationChannel, NotificationPreferences } from '../../api/types.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { pick } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useAsyncAction, usePagedList } from '../../lib/hooks.ts';

type RobotKind = 'wecom' | 'dingtalk' | 'feishu';
const kindColors: Record<NotificationChannel['kind'], string> = { smtp: 'blue', wecom: 'green', dingtalk: 'geekblue', feishu: 'cyan' };
const deliveryColors: Record<Delivery['status'], string> = { pending: 'default', sending: 'processing', sent: 'success', failed: 'error' };

/** The scopes a robot can be bound to: the cluster, its groups and majors. */
function scopeTree(tree: ClusterNode[]) {
  return tree.map((cluster) => ({
    value: `cluster:${cluster.id}`,
    title: cluster.name,
    children: cluster.groups.map((group) => ({
      value: `group:${group.id}`,
      title: group.name,
      children: group.majors.map((major) => ({ value: `major:${major.id}`, title: `${major.code} ${major.name}` })),
    })),
  }));
}

function scopeName(tree: ClusterNode[], scope: NotificationChannel['scope']): string {
  if (!scope) return '';
  for (const cluster of tree) {
    if (scope.type === 'cluster' && cluster.id === scope.id) return cluster.name;
    for (const group of cluster.groups) {
      if (scope.type === 'group' && group.id === scope.id) return group.name;
      const major = group.majors.find((entry) => scope.type === 'major' && entry.id === scope.id);
      if (major) return `${major.code} ${major.name}`;
    }
  }
  return `${scope.type} #${scope.id}`;
}

interface EditorProps {
  open: boolean;
  channel: NotificationChannel | null;
  kind: 'smtp' | 'robot';
  tree: ClusterNode[];
  kinds: NotificationPreferences['kinds'];
  onClose: () => void;
  onSaved: () => void;
}

function ChannelEditor({ open, channel, kind, tree, kinds, onClose, onSaved }: EditorProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const save = useAsyncAction();
  const robotKind = Form.useWatch('kind', form) as RobotKind | 'smtp' | undefined;

  useEffect(() => {
    if (!open) return;
    save.clear();
    form.resetFields();
    if (channel?.smtp) form.setFieldsValue({ kind: 'smtp', name: channel.name, enabled: channel.enabled, ...channel.smtp });
    else if (channel)
      form.setFieldsValue({
        kind: channel.kind,
        name: channel.name,
        enabled: channel.enabled,
        scope: channel.scope ? `${channel.scope.type}:${channel.scope.id}` : undefined,
        kinds: channel.kinds,
      });
    else
      form.setFieldsValue(
        kind === 'smtp' ? { kind: 'smtp', port: 465, secure: true, enabled: true } : { kind: 'wecom', enabled: true, kinds: [] },
      );
  }, [open, channel, kind]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (values: Record<string, unknown>) =>
    save.run(async () => {
      let body: ChannelInput;
      if (values.kind === 'smtp') {
        body = {
          kind: 'smtp',
          name: String(values.name),
          enabled: Boolean(values.enabled),
          host: String(values.host),
          port: Number(values.port),
          secure: Boolean(values.secure),
          username: (values.username as string | undefined) || null,
          from: String(values.from),
          ...(values.password ? { password: String(values.password) } : channel ? {} : { password: null }),
        };
      } else {
        const [type, id] = String(values.scope ?? '').split(':');
        body = {
          kind: values.kind as RobotKind,
          name: String(values.name),
          enabled: Boolean(values.enabled),
          scope: { type: type as 'cluster', id: Number(id) },
          kinds: (values.kinds as string[] | undefined) ?? [],
          ...(values.webhook ? { webhook: String(values.webhook) } : {}),
          ...(values.secret ? { secret: String(values.secret) } : {}),
        };
      }
      if (channel) await unwrap(client.PUT('/api/admin/notification-channels/{id}', { params: { path: { id: channel.id } }, body }));
      else await unwrap(client.POST('/api/admin/notification-channels', { body }));
      onSaved();
    });

  const isSmtp = (channel?.kind ?? kind) === 'smtp';
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t(isSmtp ? 'channels.smtpTitle' : 'channels.robotTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.busy}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'channel-save' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="channel-form">
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, message: t('channels.required') }]}>
          <Input maxLength={100} data-testid="channel-name" />
        </Form.Item>
        {isSmtp ? (
          <>
            <Form.Item name="kind" hidden>
              <Input />
            </Form.Item>
            <Space.Compact block>
              <Form.Item
                name="host"
                label={t('channels.host')}
                style={{ flex: 1 }}
                rules={[{ required: true, message: t('channels.required') }]}
              >
                <Input placeholder="smtp.example.edu.cn" data-testid="channel-host" />
              </Form.Item>
              <Form.Item name="port" label={t('channels.port')} rules={[{ required: true, message: t('channels.required') }]}>
                <InputNumber min={1} max={65535} data-testid="channel-port" />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="secure" label={t('channels.secure')} valuePropName="checked" extra={t('channels.secureHint')}>
              <Switch />
            </Form.Item>
            <Form.Item name="username" label={t('channels.username')}>
              <Input autoComplete="off" data-testid="channel-username" />
            </Form.Item>
            <Form.Item name="password" label={t('channels.password')} extra={channel?.hasSecret ? t('channels.keepSecret') : undefined}>
              <Input.Password autoComplete="new-password" data-testid="channel-password" />
            </Form.Item>
            <Form.Item name="from" label={t('channels.from')} rules={[{ required: true, message: t('channels.required') }]}>
              <Input placeholder="四通平台 <noreply@example.edu.cn>" data-testid="channel-from" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="kind" label={t('channels.vendor')}>
              <Select
                disabled={Boolean(channel)}
                options={(['wecom', 'dingtalk', 'feishu'] as const).map((value) => ({ value, label: t(`channels.kinds.${value}`) }))}
                data-testid="channel-vendor"
              />
            </Form.Item>
            <Form.Item
              name="webhook"
              label={t('channels.webhook')}
              extra={channel ? `${channel.webhookMasked ?? ''} · ${t('channels.keepSecret')}` : t('channels.webhookHint')}
              rules={channel ? [] : [{ required: true, message: t('channels.required') }]}
            >
              <Input placeholder="https://…" data-testid="channel-webhook" />
            </Form.Item>
            {robotKind !== 'wecom' && (
              <Form.Item
                name="secret"
                label={t(robotKind === 'dingtalk' ? 'channels.dingtalkSecret' : 'channels.feishuSecret')}
                extra={channel?.hasSecret ? t('channels.keepSecret') : undefined}
              >
                <Input.Password autoComplete="new-password" data-testid="channel-secret" />
              </Form.Item>
            )}
            <Form.Item
              name="scope"
              label={t('channels.scope')}
              extra={t('channels.scopeHint')}
              rules={[{ required: true, message: t('channels.required') }]}
            >
              <TreeSelect
                treeData={scopeTree(tree)}
                treeDefaultExpandAll
                showSearch
                treeNodeFilterProp="title"
                data-testid="channel-scope"
              />
            </Form.Item>
            <Form.Item name="kinds" label={t('channels.kindsFilter')} extra={t('channels.kindsHint')}>
              <Select
                mode="multiple"
                allowClear
                options={kinds.map((entry) => ({ value: entry.key, label: pick(entry.title, i18n.language) }))}
                data-testid="channel-kinds"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={save.error} data-testid="channel-error" />}
      </Form>
    </Modal>
  );
}

function Deliveries() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Delivery['status'] | undefined>('failed');
  const fetch = useCallback(
    (page: number) => unwrap(client.GET('/api/admin/notification-deliveries', { params: { query: { status, page, pageSize: 20 } } })),
    [status],
  );
  const list = usePagedList(fetch);
  const retry = async (row: Delivery) => {
    try {
      await unwrap(client.POST('/api/admin/notification-deliveries/{id}/retry', { params: { path: { id: row.id } } }));
      message.success(t('channels.retried'));
      void list.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        style={{ width: 200 }}
        value={status ?? 'all'}
        data-testid="delivery-status-filter"
        onChange={(value) => {
          setStatus(value === 'all' ? undefined : (value as Delivery['status']));
          list.setPage(1);
        }}
        options={[
          { value: 'all', label: t('channels.allStatuses') },
          ...(['failed', 'pending', 'sent'] as const).map((value) => ({ value, label: t(`channels.deliveryStatus.${value}`) })),
        ]}
      />
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Delivery>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="deliveries-table"
        scroll={{ x: 900 }}
        pagination={{ current: list.page, total: list.data?.total ?? 0, pageSize: 20, onChange: list.setPage, showSizeChanger: false }}
        columns={[
          { title: t('channels.time'), dataIndex: 'updatedAt', width: 150, render: (value: string) => formatDateTime(value) },
          {
            title: t('channels.channel'),
            key: 'channel',
            width: 180,
            render: (_, row) => (
              <Space size={4}>
                <Tag color={kindColors[row.channel === 'email' ? 'smtp' : row.channel]}>
                  {t(`channels.kinds.${row.channel === 'email' ? 'smtp' : row.channel}`)}
                </Tag>
                {row.channelName}
              </Space>
            ),
          },
          { title: t('channels.notice'), dataIndex: 'title', ellipsis: true },
          { title: t('channels.recipient'), key: 'recipient', width: 140, render: (_, row) => row.recipient ?? t('channels.groupChat') },
          {
            title: t('channels.status'),
            key: 'status',
            width: 110,
            render: (_, row) => (
              <Tag color={deliveryColors[row.status]} data-testid="delivery-status">
                {t(`channels.deliveryStatus.${row.status}`)}
              </Tag>
            ),
          },
          { title: t('channels.attempts'), dataIndex: 'attempts', width: 70 },
          {
            title: t('channels.error'),
            dataIndex: 'lastError',
            width: 220,
            render: (value: string | null, row) =>
              value ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {value}
                </Typography.Text>
              ) : row.deferredReason ? (
                t('channels.deferred')
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'actions',
            width: 100,
            render: (_, row) =>
              row.status === 'failed' ? (
                <Button size="small" onClick={() => void retry(row)} data-testid={`retry-${row.id}`}>
                  {t('channels.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

/** 通知渠道: the institution's mail server and group robots (企业微信, 钉钉, 飞书), and what was delivered through them. */
export default function ChannelsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [channels, setChannels] = useState<NotificationChannel[] | null>(null);
  const [tree, setTree] = useState<ClusterNode[]>([]);
  const [kinds, setKinds] = useState<NotificationPreferences['kinds']>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ channel: NotificationChannel | null; kind: 'smtp' | 'robot' } | null>(null);
  const [testing, setTesting] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setChannels(await unwrap(client.GET('/api/admin/notification-channels')));
    } catch (caught) {
      setChannels([]);
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void load();
    api
      .clusterTree()
      .then(setTree)
      .catch(() => undefined);
    unwrap(client.GET('/api/me/notification-preferences'))
      .then((prefs) => setKinds(prefs.kinds))
      .catch(() => undefined);
  }, [load]);

  const hasSmtp = useMemo(() => (channels ?? []).some((channel) => channel.kind === 'smtp'), [channels]);

  const test = async (channel: NotificationChannel) => {
    setTesting(channel.id);
    try {
      const answer = await unwrap(client.POST('/api/admin/notification-channels/{id}/test', { params: { path: { id: channel.id } } }));
      if (answer.ok) message.success(t('channels.testSent'));
      else message.error(t('channels.testFailed', { error: answer.error }));
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setTesting(null);
    }
  };

  const channelTable = (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {!hasSmtp && (
          <Button type="primary" icon={<MailOutlined />} onClick={() => setEditing({ channel: null, kind: 'smtp' })} data-testid="add-smtp">
            {t('channels.addSmtp')}
          </Button>
        )}
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ channel: null, kind: 'robot' })} data-testid="add-robot">
          {t('channels.addRobot')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<NotificationChannel>
        rowKey="id"
        loading={channels === null}
        dataSource={channels ?? []}
        pagination={false}
        data-testid="channels-table"
        scroll={{ x: 800 }}
        locale={{ emptyText: t('channels.empty') }}
        columns={[
          {
            title: t('channels.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (value: NotificationChannel['kind']) => (
              <Tag icon={value === 'smtp' ? <MailOutlined /> : <RobotOutlined />} color={kindColors[value]}>
                {t(`channels.kinds.${value}`)}
              </Tag>
            ),
          },
          { title: t('channels.name'), dataIndex: 'name' },
          {
            title: t('channels.scope'),
            key: 'scope',
            render: (_, row) => (row.kind === 'smtp' ? `${row.smtp!.host}:${row.smtp!.port}` : scopeName(tree, row.scope)),
          },
          {
            title: t('channels.kindsFilter'),
            key: 'kinds',
            render: (_, row) =>
              row.kind === 'smtp'
                ? '—'
                : row.kinds.length === 0
                  ? t('channels.allKinds')
                  : row.kinds.map((key) => (
                      <Tag key={key}>
                        {pick(kinds.find((entry) => entry.key === key)?.title ?? { 'zh-CN': key, en: key }, i18n.language)}
                      </Tag>
                    )),
          },
          {
            title: t('channels.enabled'),
            dataIndex: 'enabled',
            width: 80,
            render: (value: boolean) => (value ? <Tag color="success">{t('channels.on')}</Tag> : <Tag>{t('channels.off')}</Tag>),
          },
          {
            title: t('channels.actions'),
            key: 'actions',
            width: 190,
            render: (_, row) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => setEditing({ channel: row, kind: row.kind === 'smtp' ? 'smtp' : 'robot' })}
                  data-testid={`edit-channel-${row.id}`}
                >
                  {t('common.edit')}
                </Button>
                <Button size="small" loading={testing === row.id} onClick={() => void test(row)} data-testid={`test-channel-${row.id}`}>
                  {t('channels.test')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );

  return (
    <PageCard title={t('channels.title')}>
      <Typography.Paragraph type="secondary">{t('channels.intro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'channels', label: t('channels.tabChannels'), children: channelTable },
          { key: 'deliveries', label: t('channels.tabDeliveries'), children: <Deliveries /> },
        ]}
      />
      <ChannelEditor
        open={editing !== null}
        channel={editing?.channel ?? null}
        kind={editing?.kind ?? 'robot'}
        tree={tree}
        kinds={kinds}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('common.saved'));
          void load();
        }}
      />
    </PageCard>
  );
}
