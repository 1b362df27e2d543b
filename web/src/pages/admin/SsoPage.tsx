import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Radio, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Answer } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useAsyncAction } from '../../lib/hooks.ts';

type Settings = Answer<'/api/identity-providers'>;
type Provider = Settings['providers'][number];
type Protocol = Provider['protocol'];

interface EditorProps {
  open: boolean;
  institutionId: number;
  provider: Provider | null;
  onClose: () => void;
  onSaved: () => void;
}

/** One identity provider: OpenID Connect (issuer, client) or CAS (server prefix), and the claim carrying 学号/工号. */
function ProviderEditor({ open, institutionId, provider, onClose, onSaved }: EditorProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useAsyncAction();
  const protocol = (Form.useWatch('protocol', form) as Protocol | undefined) ?? provider?.protocol ?? 'oidc';

  useEffect(() => {
    if (!open) return;
    save.clear();
    form.resetFields();
    form.setFieldsValue(
      provider
        ? { ...provider, clientSecret: undefined }
        : { protocol: 'oidc', scopes: 'openid profile', accountClaim: 'employee_number', enabled: true },
    );
  }, [open, provider]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (values: Record<string, unknown>) =>
    save.run(async () => {
      const text = (key: string) => ((values[key] as string | undefined)?.trim() ? String(values[key]).trim() : null);
      const body = {
        protocol: values.protocol as Protocol,
        name: String(values.name).trim(),
        nameEn: text('nameEn'),
        accountClaim: String(values.accountClaim).trim(),
        enabled: Boolean(values.enabled),
        ...(values.protocol === 'oidc'
          ? {
              issuer: text('issuer'),
              clientId: text('clientId'),
              scopes: text('scopes') ?? 'openid profile',
              // Left empty when editing: the stored secret stays.
              ...(text('clientSecret') ? { clientSecret: text('clientSecret') } : {}),
            }
          : { casUrl: text('casUrl') }),
      };
      if (provider) await api.updateIdentityProvider(provider.id, body);
      else await api.createIdentityProvider({ ...body, institutionId });
      onSaved();
    });

  const required = [{ required: true, message: t('sso.required') }];
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t(provider ? 'sso.editTitle' : 'sso.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.busy}
      destroyOnHidden
      width={600}
      okButtonProps={{ 'data-testid': 'sso-save' } as Record<`data-${string}`, string>}
    >
      {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 16 }} data-testid="sso-error" />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item name="protocol" label={t('sso.protocol')}>
          <Radio.Group disabled={Boolean(provider)} data-testid="sso-protocol">
            <Radio.Button value="oidc">OpenID Connect</Radio.Button>
            <Radio.Button value="cas">CAS 3.0</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('sso.name')} rules={required} extra={t('sso.nameHelp')}>
          <Input maxLength={60} data-testid="sso-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('sso.nameEn')}>
          <Input maxLength={60} />
        </Form.Item>
        {protocol === 'oidc' ? (
          <>
            <Form.Item name="issuer" label={t('sso.issuer')} rules={required} extra={t('sso.issuerHelp')}>
              <Input placeholder="https://idp.example.edu.cn" data-testid="sso-issuer" />
            </Form.Item>
            <Form.Item name="clientId" label={t('sso.clientId')} rules={required}>
              <Input data-testid="sso-client-id" />
            </Form.Item>
            <Form.Item
              name="clientSecret"
              label={t('sso.clientSecret')}
              extra={provider?.hasClientSecret ? t('sso.secretKept') : t('sso.secretHelp')}
            >
              <Input.Password autoComplete="new-password" data-testid="sso-client-secret" />
            </Form.Item>
            <Form.Item name="scopes" label={t('sso.scopes')}>
              <Input />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="casUrl" label={t('sso.casUrl')} rules={required} extra={t('sso.casUrlHelp')}>
            <Input placeholder="https://cas.example.edu.cn/cas" data-testid="sso-cas-url" />
          </Form.Item>
        )}
        <Form.Item name="accountClaim" label={t('sso.accountClaim')} rules={required} extra={t(`sso.accountClaimHelp.${protocol}`)}>
          <Input data-testid="sso-claim" />
        </Form.Item>
        <Form.Item name="enabled" label={t('sso.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 统一身份认证: each institution's identity providers, and whether its people may still sign in with a password. */
export default function SsoPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [institutions, setInstitutions] = useState<Map<number, { name: string; kind: string }>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ institutionId: number; provider: Provider | null } | null>(null);

  const load = useCallback(() => {
    api
      .identityProviders()
      .then((answer) => {
        setSettings(answer);
        setFailure(null);
      })
      .catch((caught) => setFailure(errorMessage(caught)));
  }, []);
  useEffect(() => {
    load();
    api
      .institutions()
      .then((list) =>
        setInstitutions(
          new Map(list.institutions.map((institution) => [institution.id, { name: institution.name, kind: institution.kind }])),
        ),
      )
      .catch(() => undefined);
  }, [load]);

  const switchLocal = async (institutionId: number, localLogin: boolean) => {
    try {
      await api.setLocalLogin(institutionId, localLogin);
      message.success(t(localLogin ? 'sso.localOn' : 'sso.localOff'));
      load();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const columns = useMemo(
    () => [
      {
        title: t('sso.name'),
        dataIndex: 'name',
        render: (_: unknown, row: Provider) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{row.name}</Typography.Text>
            {row.nameEn && <Typography.Text type="secondary">{row.nameEn}</Typography.Text>}
          </Space>
        ),
      },
      {
        title: t('sso.protocol'),
        dataIndex: 'protocol',
        width: 150,
        render: (value: Protocol) => (
          <Tag color={value === 'oidc' ? 'blue' : 'purple'}>{value === 'oidc' ? 'OpenID Connect' : 'CAS 3.0'}</Tag>
        ),
      },
      {
        title: t('sso.address'),
        render: (_: unknown, row: Provider) => (
          <Typography.Text style={{ wordBreak: 'break-all' }}>{row.protocol === 'oidc' ? row.issuer : row.casUrl}</Typography.Text>
        ),
      },
      { title: t('sso.accountClaim'), dataIndex: 'accountClaim', width: 160, render: (value: string) => <code>{value}</code> },
      {
        title: t('sso.status'),
        dataIndex: 'enabled',
        width: 100,
        render: (value: boolean) => <Tag color={value ? 'success' : 'default'}>{t(value ? 'sso.on' : 'sso.off')}</Tag>,
      },
      {
        title: t('sso.actions'),
        width: 100,
        render: (_: unknown, row: Provider) => (
          <Button
            size="small"
            onClick={() => setEditing({ institutionId: row.institutionId, provider: row })}
            data-testid={`sso-edit-${row.id}`}
          >
            {t('sso.edit')}
          </Button>
        ),
      },
    ],
    [t],
  );

  return (
    <PageCard title={t('sso.title')}>
      <Typography.Paragraph type="secondary">{t('sso.intro')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      {settings && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('sso.callbackTitle')}
          description={
            <Typography.Text copyable code style={{ wordBreak: 'break-all' }} data-testid="sso-callback-url">
              {settings.callbackUrl}
            </Typography.Text>
          }
        />
      )}
      {settings?.institutions.length === 0 && <Empty description={t('sso.noInstitution')} />}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {[...(settings?.institutions ?? [])]
          // Colleges first (their people are the ones who sign in through a 统一身份认证), enterprises after.
          .sort(
            (a, b) =>
              Number(institutions.get(a.institutionId)?.kind === 'enterprise') -
                Number(institutions.get(b.institutionId)?.kind === 'enterprise') || a.institutionId - b.institutionId,
          )
          .map((institution) => {
            const providers = (settings?.providers ?? []).filter((provider) => provider.institutionId === institution.institutionId);
            const anyEnabled = providers.some((provider) => provider.enabled);
            return (
              <Card
                key={institution.institutionId}
                size="small"
                title={institutions.get(institution.institutionId)?.name ?? `#${institution.institutionId}`}
                extra={
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => setEditing({ institutionId: institution.institutionId, provider: null })}
                    data-testid={`sso-add-${institution.institutionId}`}
                  >
                    {t('sso.add')}
                  </Button>
                }
                data-testid={`sso-institution-${institution.institutionId}`}
              >
                <Table<Provider>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={providers}
                  pagination={false}
                  scroll={{ x: 800 }}
                  locale={{ emptyText: t('sso.none') }}
                />
                <Space style={{ marginTop: 12 }} wrap>
                  <Switch
                    checked={institution.localLogin}
                    disabled={institution.localLogin && !anyEnabled}
                    onChange={(checked) => void switchLocal(institution.institutionId, checked)}
                    data-testid={`sso-local-${institution.institutionId}`}
                  />
                  <Typography.Text>{t('sso.localLogin')}</Typography.Text>
                  <Typography.Text type="secondary">{t(anyEnabled ? 'sso.localHelp' : 'sso.localNeedsProvider')}</Typography.Text>
                </Space>
              </Card>
            );
          })}
      </Space>
      <ProviderEditor
        open={editing !== null}
        institutionId={editing?.institutionId ?? 0}
        provider={editing?.provider ?? null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('sso.saved'));
          load();
        }}
      />
    </PageCard>
  );
}
