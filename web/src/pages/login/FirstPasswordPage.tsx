import { useState } from 'react';
import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { AuthScreen, NewPasswordFields } from '../../components/AuthScreen.tsx';

interface Values {
  newPassword: string;
  confirm: string;
}

/** After signing in with an activation code: nothing else is reachable until a password is chosen. */
export default function FirstPasswordPage() {
  const { t } = useTranslation();
  const { me, refresh } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.firstPassword(values.newPassword);
      await refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  const signOut = async () => {
    await api.logout().catch(() => undefined);
    await refresh();
  };

  return (
    <AuthScreen>
      <Card style={{ width: 440, maxWidth: '100%' }} data-testid="first-password">
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('firstPassword.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('firstPassword.intro', { name: me?.displayName ?? '', username: me?.username ?? '' })}
          </Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="first-password-error" />}
        <Form<Values> layout="vertical" requiredMark={false} size="large" onFinish={(values) => void submit(values)}>
          <NewPasswordFields testIdPrefix="first-password" withIcons />
          <Button type="primary" htmlType="submit" block loading={saving} data-testid="first-password-submit">
            {t('firstPassword.submit')}
          </Button>
          <Button type="link" block onClick={() => void signOut()} style={{ marginTop: 8 }}>
            {t('firstPassword.signOut')}
          </Button>
        </Form>
      </Card>
    </AuthScreen>
  );
}
