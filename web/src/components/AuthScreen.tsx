import type { ReactNode } from 'react';
import { Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The screen of the sign-in pages: one card centred on the brand background, the language switch above. */
export function AuthScreen({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #e8f0fa 0%, #f5f7fa 60%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      {children}
    </div>
  );
}

/** "New password" and "confirm" with the password policy's rule, for every form that sets a password. */
export function NewPasswordFields({ testIdPrefix, withIcons = false }: { testIdPrefix?: string; withIcons?: boolean }) {
  const { t } = useTranslation();
  const prefix = withIcons ? <LockOutlined /> : undefined;
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.rule')}
        rules={[
          { required: true, message: t('password.required') },
          { min: 10, message: t('password.rule') },
        ]}
      >
        <Input.Password prefix={prefix} autoComplete="new-password" data-testid={testIdPrefix && `${testIdPrefix}-new`} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password prefix={prefix} autoComplete="new-password" data-testid={testIdPrefix && `${testIdPrefix}-confirm`} />
      </Form.Item>
    </>
  );
}
