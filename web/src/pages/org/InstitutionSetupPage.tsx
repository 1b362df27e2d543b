import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Form, Input, Radio, Result, Select, Skeleton, Space, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMarks } from '../../lib/hooks.ts';
import { api, errorMessage, type Answer } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';

type Institutions = Answer<'/api/institutions'>;
const kinds = ['higher_vocational', 'secondary_vocational', 'technician_college', 'undergraduate', 'other'] as const;

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: (typeof kinds)[number];
  allianceId: number;
  role: 'lead' | 'member';
}

/**
 * 设置本校: the first step of an install's setup. An administrator of the alliance who has no
 * institution of their own (the first one of a new install) creates it in the alliance, or chooses
 * one already there; it becomes their institution, where the departments, imports and accounts go.
 */
export default function InstitutionSetupPage() {
  const { t } = useTranslation();
  const mark = useMarks();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me, can, refresh } = useAuth();
  const [data, setData] = useState<Institutions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [chosen, setChosen] = useState<number | null>(null);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    api.institutions().then(setData, (caught) => setError(errorMessage(caught)));
  }, [me?.institutionId]);

  const makeOwn = async (institutionId: number) => {
    await api.updateUser(me!.userId, { institutionId });
    await refresh();
    message.success(t('institutionSetup.saved'));
    navigate('/');
  };

  const create = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const created = await api.createInstitution({
        code: values.code,
        name: values.name,
        shortName: values.shortName || null,
        kind: values.kind,
        memberships: [{ allianceId: values.allianceId, role: values.role }],
      });
      await makeOwn(created.id);
    } catch (caught) {
      setError(errorMessage(caught));
      // A half-done attempt (created, not yet made one's own) shows in the list to choose from.
      api.institutions().then(setData, () => undefined);
    } finally {
      setSaving(false);
    }
  };

  const choose = async () => {
    if (!chosen) return;
    setSaving(true);
    setError(null);
    try {
      await makeOwn(chosen);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const own = data?.institutions.find((institution) => institution.id === me?.institutionId);
  const allianceName = new Map((data?.alliances ?? []).map((alliance) => [alliance.id, alliance.name]));
  return (
    <PageCard title={t('institutionSetup.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="institution-setup-error" />}
      {!data ? (
        <Skeleton active />
      ) : own ? (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('institutionSetup.done', { name: own.name })}
          subTitle={
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'code', label: t('org.code'), children: own.code },
                { key: 'kind', label: t('orgSetup.institutionKind'), children: t(`orgSetup.institutionKinds.${own.kind}`, own.kind) },
                {
                  key: 'alliances',
                  label: t('orgSetup.alliances'),
                  children: own.memberships.map((membership) => allianceName.get(membership.allianceId)).join('、'),
                },
              ]}
            />
          }
          extra={
            <Button type="primary" onClick={() => navigate('/')} data-testid="institution-setup-back">
              {t('institutionSetup.back')}
            </Button>
          }
        />
      ) : !can('institution.manage') || data.alliances.length === 0 ? (
        <Alert type="info" showIcon title={t('institutionSetup.askAdmin')} data-testid="institution-setup-ask" />
      ) : (
        <div style={{ maxWidth: 640 }}>
          <Typography.Paragraph type="secondary">{t('institutionSetup.intro')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{
              kind: 'higher_vocational',
              allianceId: data.alliances[0]!.id,
              role: data.institutions.length === 0 ? 'lead' : 'member',
            }}
          >
            <Form.Item
              name="name"
              label={t('institutionSetup.name')}
              rules={[{ required: true, whitespace: true, message: t('orgSetup.required') }]}
            >
              <Input maxLength={100} placeholder="天津工业职业学院" data-testid="institution-name" />
            </Form.Item>
            <Space size={16} wrap align="start">
              <Form.Item
                name="code"
                label={t('institutionSetup.code')}
                extra={t('institutionSetup.codeHint')}
                rules={[
                  { required: true, message: t('orgSetup.required') },
                  { pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t('orgSetup.codeRule') },
                ]}
              >
                <Input maxLength={40} style={{ width: 220 }} placeholder="TJGY" data-testid="institution-code" />
              </Form.Item>
              <Form.Item name="shortName" label={t('org.shortName')}>
                <Input maxLength={30} style={{ width: 220 }} data-testid="institution-short-name" />
              </Form.Item>
            </Space>
            <Form.Item name="kind" label={t('orgSetup.institutionKind')}>
              <Select
                style={{ maxWidth: 300 }}
                options={kinds.map((value) => ({ value, label: t(`orgSetup.institutionKinds.${value}`) }))}
                data-testid="institution-kind"
              />
            </Form.Item>
            <Space size={16} wrap align="start">
              <Form.Item
                name="allianceId"
                label={t('institutionSetup.alliance')}
                rules={[{ required: true, message: t('orgSetup.required') }]}
              >
                <Select
                  style={{ width: 360, maxWidth: '100%' }}
                  options={data.alliances.map((alliance) => ({ value: alliance.id, label: alliance.name }))}
                  data-testid="institution-alliance"
                />
              </Form.Item>
              <Form.Item name="role" label={t('institutionSetup.role')}>
                <Radio.Group
                  options={[
                    { value: 'lead', label: t('orgSetup.lead') },
                    { value: 'member', label: t('institutionSetup.member') },
                  ]}
                />
              </Form.Item>
            </Space>
            <Button type="primary" loading={saving} onClick={() => void create().catch(() => undefined)} data-testid="institution-create">
              {t('institutionSetup.create')}
            </Button>
          </Form>
          {data.institutions.length > 0 && (
            <>
              <Divider plain>{t('institutionSetup.or')}</Divider>
              <Space wrap>
                <Select
                  style={{ width: 360, maxWidth: '100%' }}
                  placeholder={t('institutionSetup.choose')}
                  value={chosen ?? undefined}
                  onChange={setChosen}
                  options={data.institutions.map((institution) => ({
                    value: institution.id,
                    label: `${institution.name}${mark.paren(institution.code)}`,
                  }))}
                  data-testid="institution-choose"
                />
                <Button disabled={!chosen} loading={saving} onClick={() => void choose()} data-testid="institution-choose-save">
                  {t('institutionSetup.makeOwn')}
                </Button>
              </Space>
            </>
          )}
        </div>
      )}
    </PageCard>
  );
}
