import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

interface Values {
  token: string;
  username: string;
  displayName?: string;
  password: string;
  confirm: string;
  allianceName?: string;
}

/** 首次设置: the first administrator of an empty production install, with the code the server printed at start. */
export default function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api
      .setupStatus()
      .then((status) => setNeeded(status.needed))
      .catch((caught: unknown) => setError(errorMessage(caught)));
  }, []);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await api.completeSetup({
        token: values.token,
        username: values.username,
        displayName: values.displayName || null,
        password: values.password,
        allianceName: values.allianceName || null,
      });
      setCreated(answer.username);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('setup.required') };
  return (
    <div
      style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: '#f5f7fa' }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 480, maxWidth: '100%' }} title={t('setup.title')}>
        {needed === null && !error ? <Spin /> : null}
        {created ? (
          <Result
            status="success"
            title={t('setup.done', { username: created })}
            extra={
              <Link to="/login" data-testid="setup-to-login">
                {t('setup.toLogin')}
              </Link>
            }
          />
        ) : needed === false ? (
          <Result
            status="info"
            title={t('setup.closedTitle')}
            subTitle={t('setup.closed')}
            extra={<Link to="/login">{t('setup.toLogin')}</Link>}
          />
        ) : needed ? (
          <>
            <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
            <Form<Values>
              layout="vertical"
              requiredMark={false}
              initialValues={{ token: params.get('token') ?? '' }}
              onFinish={(values) => void submit(values)}
            >
              <Form.Item name="token" label={t('setup.token')} rules={[required]}>
                <Input data-testid="setup-token" autoComplete="off" />
              </Form.Item>
              <Form.Item name="allianceName" label={t('setup.alliance')} extra={t('setup.allianceHint')}>
                <Input data-testid="setup-alliance" />
              </Form.Item>
              <Form.Item name="username" label={t('setup.username')} rules={[required]}>
                <Input data-testid="setup-username" autoComplete="username" />
              </Form.Item>
              <Form.Item name="displayName" label={t('setup.displayName')}>
                <Input data-testid="setup-display-name" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('setup.password')}
                extra={t('password.rule')}
                rules={[required, { min: 10, message: t('password.rule') }]}
              >
                <Input.Password data-testid="setup-password" autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('setup.confirm')}
                dependencies={['password']}
                rules={[
                  required,
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('setup.mismatch'))),
                  }),
                ]}
              >
                <Input.Password data-testid="setup-confirm" autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={saving} data-testid="setup-submit">
                {t('setup.submit')}
              </Button>
            </Form>
          </>
        ) : error ? (
          <Alert type="error" showIcon title={error} />
        ) : null}
      </Card>
    </div>
  );
}
