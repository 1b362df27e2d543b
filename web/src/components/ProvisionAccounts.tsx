import { useState, type ReactNode } from 'react';
import { Alert, Button, Radio, Space, Typography } from 'antd';
import { DownloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Answer } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { downloadBase64 } from '../lib/download.ts';
import { useMarks } from '../lib/hooks.ts';

type Result = Answer<'/api/accounts/provision', 'post'>;

/**
 * Accounts for the students and/or teachers of one's institution who have none yet (accounts already
 * opened are left as they are), and the activation sheet downloaded at once — or the codes mailed to
 * those with an address, the others on the sheet. Shown only to holders of `accounts.provision` who
 * belong to an institution.
 */
export function ProvisionAccounts({
  kinds,
  label,
  hint,
  onDone,
  testId = 'provision-accounts',
}: {
  kinds: Array<'student' | 'teacher'>;
  label: ReactNode;
  hint?: ReactNode;
  onDone?: (result: Result) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const mark = useMarks();
  const { me, can } = useAuth();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [delivery, setDelivery] = useState<'sheet' | 'email'>('sheet');
  if (!can('accounts.provision') || !me?.institutionId) return null;
  const institutionId = me.institutionId;

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const answer = await api.provisionAccounts({ institutionId, kinds, delivery });
      setResult(answer);
      if (answer.sheet) downloadBase64(answer.sheet.fileName, answer.sheet.base64);
      onDone?.(answer);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid={testId}>
      {hint && !result && <Typography.Text type="secondary">{hint}</Typography.Text>}
      {!result && (
        <Radio.Group
          value={delivery}
          onChange={(event) => setDelivery(event.target.value as 'sheet' | 'email')}
          options={[
            { value: 'sheet', label: t('provision.deliverySheet') },
            { value: 'email', label: t('provision.deliveryEmail') },
          ]}
          data-testid={`${testId}-delivery`}
        />
      )}
      {!result && (
        <Button type="primary" icon={<TeamOutlined />} loading={running} onClick={() => void run()} data-testid={`${testId}-run`}>
          {label}
        </Button>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid={`${testId}-error`} />}
      {result && (
        <>
          <Alert
            type="success"
            showIcon
            data-testid={`${testId}-result`}
            title={t('provision.done', {
              created: result.summary.created,
              existing: result.summary.existing,
              count: result.summary.created,
            })}
            description={
              <>
                {result.summary.mailed > 0 && <div>{t('provision.mailed', { ...result.summary, count: result.summary.mailed })}</div>}
                {result.sheet ? t('provision.sheetSaved') : result.summary.mailed > 0 ? null : t('provision.noSheet')}
              </>
            }
          />
          {result.summary.conflicts.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('provision.conflicts', {
                count: result.summary.conflicts.length,
                names: result.summary.conflicts.map((entry) => `${entry.displayName}${mark.paren(entry.username)}`).join(mark.list),
              })}
            />
          )}
          {result.sheet && (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadBase64(result.sheet!.fileName, result.sheet!.base64)}
              data-testid={`${testId}-download`}
            >
              {t('provision.downloadAgain')}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
