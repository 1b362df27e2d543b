import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Space, Switch, Table, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import { client, unwrap } from '../../api/client.ts';
import type { NotificationPreferences } from '../../api/types.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { pick } from '../../i18n/index.ts';
import { useAsyncAction } from '../../lib/hooks.ts';

const clockFormat = 'HH:mm';

/** 通知设置: where e-mail goes, which kinds also come by e-mail, and quiet hours. The inbox always gets everything. */
export default function NotificationSettingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [email, setEmail] = useState('');
  const [kinds, setKinds] = useState<Record<string, boolean>>({});
  const [quiet, setQuiet] = useState<[Dayjs, Dayjs] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const save = useAsyncAction();

  const apply = (next: NotificationPreferences) => {
    setPrefs(next);
    setEmail(next.email ?? '');
    setKinds(Object.fromEntries(next.kinds.map((kind) => [kind.key, kind.email])));
    setQuiet(next.quietHours ? [dayjs(next.quietHours.start, clockFormat), dayjs(next.quietHours.end, clockFormat)] : null);
  };

  useEffect(() => {
    unwrap(client.GET('/api/me/notification-preferences'))
      .then(apply)
      .catch((caught) => setLoadError(errorMessage(caught)));
  }, []);

  const submit = () =>
    save.run(async () => {
      const body = {
        email: email.trim() === '' ? null : email.trim(),
        kinds,
        quietHours: quiet ? { start: quiet[0].format(clockFormat), end: quiet[1].format(clockFormat) } : null,
      };
      apply(await unwrap(client.PUT('/api/me/notification-preferences', { body })));
      message.success(t('common.saved'));
    });

  return (
    <PageCard title={t('notificationSettings.title')}>
      {loadError && <Alert type="error" showIcon title={loadError} />}
      {prefs && (
        <Form layout="vertical" style={{ maxWidth: 720 }} onFinish={() => void submit()}>
          <Typography.Paragraph type="secondary">{t('notificationSettings.intro')}</Typography.Paragraph>
          {!prefs.emailAvailable && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('notificationSettings.noSmtp')} data-testid="no-smtp" />
          )}
          <Form.Item label={t('notificationSettings.email')} extra={t('notificationSettings.emailHint')}>
            <Input
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              placeholder="name@example.edu.cn"
              data-testid="settings-email"
            />
          </Form.Item>
          <Form.Item label={t('notificationSettings.kinds')}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={prefs.kinds}
              columns={[
                {
                  title: t('notificationSettings.kind'),
                  key: 'kind',
                  render: (_, kind) => (
                    <Space direction="vertical" size={0}>
                      <Typography.Text>{pick(kind.title, i18n.language)}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {pick(kind.description, i18n.language)}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: t('notificationSettings.inbox'), key: 'inbox', width: 90, render: () => <Switch checked disabled size="small" /> },
                {
                  title: t('notificationSettings.byEmail'),
                  key: 'email',
                  width: 90,
                  render: (_, kind) => (
                    <Switch
                      size="small"
                      checked={kinds[kind.key] ?? kind.emailByDefault}
                      onChange={(on) => setKinds((current) => ({ ...current, [kind.key]: on }))}
                      data-testid={`settings-kind-${kind.key}`}
                    />
                  ),
                },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('notificationSettings.quietHours')} extra={t('notificationSettings.quietHint')}>
            <Space wrap>
              <Switch
                checked={quiet !== null}
                onChange={(on) => setQuiet(on ? [dayjs('22:00', clockFormat), dayjs('07:00', clockFormat)] : null)}
                data-testid="settings-quiet"
              />
              {quiet && (
                <TimePicker.RangePicker
                  format={clockFormat}
                  order={false}
                  value={quiet}
                  allowClear={false}
                  onChange={(range) => {
                    if (range?.[0] && range[1]) setQuiet([range[0], range[1]]);
                  }}
                  data-testid="settings-quiet-range"
                />
              )}
            </Space>
          </Form.Item>
          {save.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={save.error} data-testid="settings-error" />}
          <Button type="primary" htmlType="submit" loading={save.busy} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </PageCard>
  );
}
