import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Result, Spin, Table, Tag } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { creditbankApi, errorMessage, type LedgerVerification } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ShortHash } from './shared.tsx';

/** 账本校验: recomputes every hash and link of the institution's ledger chain and names what does not hold. */
export default function LedgerPage() {
  const { t } = useTranslation();
  const [result, setResult] = useState<LedgerVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const verify = useCallback(async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await creditbankApi.verifyLedger());
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRunning(false);
    }
  }, []);
  useEffect(() => {
    void verify();
  }, [verify]);

  return (
    <PageCard
      title={t('creditbank.ledgerCheck.title')}
      extra={
        <Button type="primary" icon={<SafetyOutlined />} loading={running} onClick={() => void verify()} data-testid="ledger-verify">
          {t('creditbank.ledgerCheck.verifyNow')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!result && running && <Spin />}
      {result && (
        <>
          <Result
            status={result.intact ? 'success' : 'error'}
            title={
              <span data-testid="ledger-status" data-intact={result.intact}>
                {t(result.intact ? 'creditbank.ledgerCheck.intact' : 'creditbank.ledgerCheck.broken', { count: result.problems.length })}
              </span>
            }
            subTitle={t('creditbank.ledgerCheck.summary', { entries: result.entries, ms: result.milliseconds })}
            style={{ padding: '16px 0' }}
          />
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('creditbank.ledgerCheck.entries')}>
              <span data-testid="ledger-entries">{result.entries}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.ledgerCheck.headSeq')}>{result.headSeq}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.ledgerCheck.headHash')}>
              <ShortHash hash={result.headHash} />
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.ledgerCheck.checkedAt')}>
              {formatDateTime(result.checkedAt)}（{t('creditbank.ledgerCheck.took', { ms: result.milliseconds })}）
            </Descriptions.Item>
          </Descriptions>
          {result.problems.length > 0 && (
            <Table
              size="small"
              rowKey={(row) => `${row.seq}-${row.problem}`}
              data-testid="ledger-problems"
              dataSource={result.problems}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('creditbank.ledger.seq'), dataIndex: 'seq', width: 100 },
                {
                  title: t('creditbank.ledgerCheck.entryId'),
                  dataIndex: 'entryId',
                  width: 120,
                  render: (value: number | null) => value ?? '—',
                },
                {
                  title: t('creditbank.ledgerCheck.problem'),
                  dataIndex: 'problem',
                  render: (problem: string) => (
                    <>
                      <Tag color="red">{problem}</Tag>
                      {t(`creditbank.ledgerCheck.problems.${problem}`, { defaultValue: problem })}
                    </>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </PageCard>
  );
}
