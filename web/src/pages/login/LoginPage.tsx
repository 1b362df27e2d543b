import { useEffect, useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Answer } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { AuthScreen } from '../../components/AuthScreen.tsx';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { me, refresh } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The demo logins are named only where the demo data is loaded; an empty install points to its first-run setup.
  const [start, setStart] = useState<{ needed: boolean; demoLogins: boolean } | null>(null);
  useEffect(() => {
    api
      .setupStatus()
      .then(setStart)
      .catch(() => setStart(null));
  }, []);
  // 统一身份认证: the institutions' identity providers, and what went wrong when one sent the browser back here.
  const [providers, setProviders] = useState<Answer<'/api/public/sign-in-options'>['providers']>([]);
  useEffect(() => {
    api
      .signInOptions()
      .then((options) => setProviders(options.providers))
      .catch(() => setProviders([]));
  }, []);
  const ssoProblem = new URLSearchParams(location.search).get('ssoError');
  const ssoErrorText = ssoProblem ? t(`login.ssoError.${ssoProblem}`, { defaultValue: t('login.ssoError.invalid_response') }) : null;
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  if (me) return <Navigate to={target} replace />;

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await api.login(values.username, values.password);
      await refresh();
      navigate(target, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthScreen>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 24, textAlign: 'center' }}>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.fullName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {!error && ssoErrorText && (
          <Alert type="error" showIcon title={ssoErrorText} style={{ marginBottom: 16 }} data-testid="login-sso-error" />
        )}
        {providers.length > 0 && (
          <>
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {providers.map((provider) => (
                <Button
                  key={provider.id}
                  block
                  size="large"
                  icon={<SafetyCertificateOutlined />}
                  href={`/api/auth/sso/${provider.id}/start?returnTo=${encodeURIComponent(target)}`}
                  data-testid={`login-sso-${provider.id}`}
                  style={{ whiteSpace: 'normal', height: 'auto', minHeight: 44 }}
                >
                  {t('login.ssoWith', { name: i18n.language === 'en' && provider.nameEn ? provider.nameEn : provider.name })}
                </Button>
              ))}
            </Space>
            <Divider plain style={{ margin: '16px 0', fontSize: 12 }}>
              {t('login.or')}
            </Divider>
          </>
        )}
        <Form<Values> layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }} data-testid="login-activation-hint">
          {t('login.activationHint')}
        </Typography.Paragraph>
        {start?.demoLogins ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }} data-testid="login-demo-hint">
            {t('login.demoHint')}
          </Typography.Paragraph>
        ) : null}
        {start?.needed ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title={<Link to="/setup">{t('setup.title')}</Link>}
            data-testid="login-setup-link"
          />
        ) : null}
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          <Link to="/verify" data-testid="login-verify-link">
            {t('verify.title')}
          </Link>
        </Typography.Paragraph>
      </Card>
    </AuthScreen>
  );
}
