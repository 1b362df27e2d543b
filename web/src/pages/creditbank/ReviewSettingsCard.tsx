import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Card, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { creditbankApi, type CreditbankSettings } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAsyncAction } from '../../lib/hooks.ts';

/**
 * 审核设置: the institution's review rules — today four eyes (whoever verified a claim may not grant
 * it), on by default. Everyone who reads the credit bank sees it; 教务 and administrators change it.
 */
export function ReviewSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const editable = can('creditbank.settings');
  const [settings, setSettings] = useState<CreditbankSettings | null>(null);
  const loading = useAsyncAction();
  const saving = useAsyncAction();
  const runLoading = loading.run;
  const load = useCallback(() => runLoading(() => creditbankApi.settings().then(setSettings)), [runLoading]);
  useEffect(() => {
    void load();
  }, [load]);

  const change = async (fourEyes: boolean) => {
    if (!settings) return;
    const saved = await saving.run(() => creditbankApi.saveSettings(fourEyes, settings.revision).then(setSettings));
    if (saved) message.success(t('creditbank.settings.saved'));
    // Refused (someone else changed it first, …): show what is in force now beside the reason.
    else await load();
  };

  return (
    <Card size="small" title={t('creditbank.settings.title')} style={{ marginTop: 16 }} data-testid="review-settings">
      {(loading.error || saving.error) && (
        <Alert
          type="error"
          showIcon
          title={saving.error ?? loading.error}
          style={{ marginBottom: 12 }}
          data-testid="review-settings-error"
        />
      )}
      <Space align="start">
        <Switch
          checked={settings?.fourEyes ?? true}
          disabled={!editable || !settings}
          loading={saving.busy}
          onChange={(checked) => void change(checked)}
          data-testid="four-eyes-switch"
          aria-label={t('creditbank.settings.fourEyes')}
        />
        <div>
          <Typography.Text strong>{t('creditbank.settings.fourEyes')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('creditbank.settings.fourEyesHint')}
          </Typography.Paragraph>
          {settings?.updatedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('creditbank.settings.changedAt', { at: formatDateTime(settings.updatedAt) })}
            </Typography.Text>
          )}
        </div>
      </Space>
    </Card>
  );
}
