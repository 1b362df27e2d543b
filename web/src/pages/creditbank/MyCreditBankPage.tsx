import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  creditbankApi,
  errorMessage,
  type CreditAccount,
  type CreditBalances,
  type LedgerEntry,
  type MyCredentialItem,
  type Outcome,
  type Pathway,
} from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ClaimForm } from './ClaimForm.tsx';
import { PathwayCard } from './PathwayCard.tsx';
import { CategoryTag, ClaimStatusTag, ShortHash, signedCredits, useOutcomeLabels } from './shared.tsx';

const balanceKeys: Array<keyof CreditBalances> = ['course', 'certificate', 'competition', 'exemption', 'converted', 'total'];

/** Opens a file the browser downloads with the session cookie. */
function download(url: string) {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = '';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

/** 我的学分银行: balances, ledger, claims, transcript with verifiable credentials, apprentice stage. */
export default function MyCreditBankPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { catalogue, outcomeText, courseLabel } = useOutcomeLabels();
  const [account, setAccount] = useState<CreditAccount | null>(null);
  const [credentials, setCredentials] = useState<MyCredentialItem[] | null>(null);
  const [pathway, setPathway] = useState<Pathway | undefined>(undefined);
  const [pathwayError, setPathwayError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [issuing, setIssuing] = useState<number | null>(null);

  const load = useCallback(async () => {
    setError(null);
    await Promise.all([
      creditbankApi
        .myAccount()
        .then(setAccount)
        .catch((caught) => setError(errorMessage(caught))),
      creditbankApi
        .myCredentials()
        .then((result) => setCredentials(result.items))
        .catch((caught) => {
          setCredentials([]);
          setError(errorMessage(caught));
        }),
      creditbankApi
        .myPathway()
        .then((result) => {
          setPathway(result);
          setPathwayError(null);
        })
        .catch((caught) => setPathwayError(errorMessage(caught))),
    ]);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const claimsById = useMemo(() => new Map((account?.claims ?? []).map((claim) => [claim.id, claim])), [account]);
  // Course credits come from published grades, not from a claim: they are on the ledger and the transcript only.
  const claims = useMemo(() => (account?.claims ?? []).filter((claim) => claim.kind !== 'course_credit'), [account]);
  const achievementNames = useMemo(() => new Map((credentials ?? []).map((item) => [item.outcomeId, item.achievementName])), [credentials]);
  const ledgerName = (entry: LedgerEntry) => {
    if (!entry.outcomeId) return '—';
    const claim = claimsById.get(entry.outcomeId);
    return achievementNames.get(entry.outcomeId) ?? (claim ? outcomeText(claim).name : '—');
  };

  const issueAndDownload = async (item: MyCredentialItem) => {
    setIssuing(item.outcomeId);
    try {
      const issued = await creditbankApi.issueCredential(item.outcomeId);
      download(creditbankApi.credentialUrl(issued.id));
      if (issued.created) message.success(t('creditbank.transcript.issued'));
      const refreshed = await creditbankApi.myCredentials();
      setCredentials(refreshed.items);
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIssuing(null);
    }
  };

  const claimColumns = [
    {
      title: t('creditbank.outcome'),
      key: 'outcome',
      render: (_: unknown, claim: Outcome) => (
        <>
          <Tag>{t(`creditbank.outcomeKind.${claim.kind}`)}</Tag>
          {outcomeText(claim).name}
        </>
      ),
    },
    { title: t('creditbank.gradeOrPrize'), key: 'grade', width: 110, render: (_: unknown, claim: Outcome) => outcomeText(claim).grade },
    { title: t('creditbank.certificateNo'), dataIndex: 'certificateNo', width: 150, render: (value: string | null) => value ?? '—' },
    {
      title: t('creditbank.claimForm.use'),
      dataIndex: 'intendedUse',
      width: 160,
      render: (use: string, claim: Outcome) =>
        use === 'exemption' && claim.exemptCourseId ? (
          <>
            {t('creditbank.use.exemption')}：{courseLabel(claim.exemptCourseId)}
          </>
        ) : (
          t(`creditbank.use.${use}`)
        ),
    },
    { title: t('creditbank.submittedAt'), dataIndex: 'submittedAt', width: 140, render: formatDateTime },
    {
      title: t('creditbank.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: Outcome['status']) => <ClaimStatusTag status={status} />,
    },
    { title: t('creditbank.decisionNote'), dataIndex: 'decisionNote', render: (value: string | null) => value ?? '' },
  ];

  const ledgerColumns = [
    { title: t('creditbank.ledger.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('creditbank.ledger.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: LedgerEntry['kind']) => <Tag color={kind === 'grant' ? 'green' : 'red'}>{t(`creditbank.ledgerKind.${kind}`)}</Tag>,
    },
    {
      title: t('creditbank.ledger.category'),
      dataIndex: 'category',
      width: 100,
      render: (category: LedgerEntry['category']) => <CategoryTag category={category} />,
    },
    {
      title: t('creditbank.outcome'),
      key: 'outcome',
      render: (_: unknown, entry: LedgerEntry) => ledgerName(entry),
    },
    {
      title: t('creditbank.credits'),
      dataIndex: 'credits',
      width: 80,
      align: 'right' as const,
      render: (credits: number) => <span data-testid="ledger-credits">{signedCredits(credits)}</span>,
    },
    { title: t('creditbank.ledger.time'), dataIndex: 'recordedAt', width: 140, render: formatDateTime },
    { title: t('creditbank.ledger.hash'), dataIndex: 'hash', width: 170, render: (hash: string) => <ShortHash hash={hash} /> },
  ];

  const transcriptColumns = [
    { title: t('creditbank.transcript.achievement'), dataIndex: 'achievementName' },
    {
      title: t('creditbank.transcript.type'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: MyCredentialItem['kind']) => t(`creditbank.outcomeKind.${kind}`),
    },
    { title: t('creditbank.credits'), dataIndex: 'credits', width: 72, align: 'right' as const },
    { title: t('creditbank.transcript.grantedAt'), dataIndex: 'grantedAt', width: 140, render: formatDateTime },
    {
      title: t('creditbank.transcript.credential'),
      key: 'credential',
      width: 250,
      render: (_: unknown, item: MyCredentialItem) => (
        <Space size={4} wrap>
          <Tag color={item.state === 'revoked' ? 'red' : item.state === 'issued' ? 'green' : 'default'}>
            {t(`creditbank.transcript.state.${item.state}`)}
          </Tag>
          {item.credentialId ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              href={creditbankApi.credentialUrl(item.credentialId)}
              data-testid={`credential-download-${item.outcomeId}`}
            >
              {t('creditbank.transcript.download')}
            </Button>
          ) : item.state === 'issuable' ? (
            <Button
              size="small"
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={issuing === item.outcomeId}
              onClick={() => void issueAndDownload(item)}
              data-testid={`credential-issue-${item.outcomeId}`}
            >
              {t('creditbank.transcript.issue')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title={t('creditbank.me.title')}
      extra={
        <Space>
          <Link to="/verify" data-testid="verify-link">
            {t('creditbank.transcript.verifyLink')}
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="new-claim">
            {t('creditbank.claimForm.open')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {account && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('students.name')}>
            {account.student.name}（{account.student.studentNo}）
          </Descriptions.Item>
          <Descriptions.Item label={t('students.major')}>{account.student.majorName}</Descriptions.Item>
          <Descriptions.Item label={t('students.cohortYear')}>{account.student.cohortYear}</Descriptions.Item>
        </Descriptions>
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="balances">
        {balanceKeys.map((key) => (
          <Col xs={12} md={8} xl={4} key={key}>
            <Card size="small" data-testid={`balance-${key}`}>
              <Statistic
                title={<Tooltip title={t(`creditbank.balanceHint.${key}`)}>{t(`creditbank.balance.${key}`)}</Tooltip>}
                value={account?.balances[key] ?? 0}
                precision={1}
                loading={!account}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="conversion-allowance">
        {account?.conversion.cap != null
          ? t('creditbank.me.allowance', {
              used: account.conversion.used,
              cap: account.conversion.cap,
              remaining: account.conversion.remaining,
              perStudent: account.conversion.maxPerStudent,
              share: Math.round((account.conversion.programmeShare ?? 0) * 100),
              programme: account.conversion.programmeGraduationCredits ?? t('creditbank.me.noProgramme'),
            })
          : account
            ? t('creditbank.me.noRules')
            : null}{' '}
        {t('creditbank.me.capNote')}
      </Typography.Paragraph>
      <PathwayCard pathway={pathway} error={pathwayError} />
      <Tabs
        data-testid="my-creditbank-tabs"
        items={[
          {
            key: 'claims',
            label: <span data-testid="tab-claims">{t('creditbank.me.claims')}</span>,
            children: (
              <Table<Outcome>
                rowKey="id"
                size="small"
                loading={!account}
                dataSource={claims}
                columns={claimColumns}
                data-testid="my-claims"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('creditbank.me.noClaims') }}
                onRow={(claim) => ({ 'data-testid': `claim-row-${claim.certificateNo ?? claim.id}` }) as never}
              />
            ),
          },
          {
            key: 'ledger',
            label: <span data-testid="tab-ledger">{t('creditbank.me.ledger')}</span>,
            children: (
              <Table<LedgerEntry>
                rowKey="id"
                size="small"
                loading={!account}
                dataSource={[...(account?.entries ?? [])].reverse()}
                columns={ledgerColumns}
                data-testid="my-ledger"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('creditbank.me.noEntries') }}
              />
            ),
          },
          {
            key: 'transcript',
            label: <span data-testid="tab-transcript">{t('creditbank.me.transcript')}</span>,
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('creditbank.transcript.intro')}</Typography.Paragraph>
                <Table<MyCredentialItem>
                  rowKey="outcomeId"
                  size="small"
                  loading={credentials === null}
                  dataSource={credentials ?? []}
                  columns={transcriptColumns}
                  data-testid="my-transcript"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  locale={{ emptyText: t('creditbank.me.noGranted') }}
                />
              </>
            ),
          },
        ]}
      />
      <ClaimForm
        open={formOpen}
        catalogue={catalogue}
        courseLabel={courseLabel}
        onClose={() => setFormOpen(false)}
        onSubmitted={() => {
          setFormOpen(false);
          message.success(t('creditbank.claimForm.submitted'));
          void load();
        }}
      />
    </PageCard>
  );
}
