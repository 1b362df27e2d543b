import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Grid,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DownloadOutlined, FilePdfOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
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
import { pick } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMarks } from '../../lib/hooks.ts';
import { ClaimForm } from './ClaimForm.tsx';
import { PathwayCard } from './PathwayCard.tsx';
import { CategoryTag, ClaimStatusTag, ShortHash, signedCredits, useOutcomeLabels } from './shared.tsx';

const balanceKeys: Array<keyof CreditBalances> = ['course', 'certificate', 'competition', 'exemption', 'converted', 'total'];

/** Saves a file: an address the browser downloads with the session cookie, or bytes already fetched. */
function download(target: string | { blob: Blob; fileName: string }) {
  const anchor = document.createElement('a');
  const url = typeof target === 'string' ? target : URL.createObjectURL(target.blob);
  anchor.href = url;
  anchor.download = typeof target === 'string' ? '' : target.fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  if (typeof target !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A tab's label, a 44 px touch target on a phone (the tab itself is only as tall as its text). */
function TabLabel({ testId, children }: { testId: string; children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  return (
    <span data-testid={testId} style={screens.md ? undefined : { display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
      {children}
    </span>
  );
}

/** One line of a phone card: a label and its value, the value allowed to wrap. */
function Line({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ flex: 'none' }}>
        {label}
      </Typography.Text>
      <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{children}</span>
    </div>
  );
}

/**
 * 我的学分银行: balances, claims, ledger, the credit transcript (with grades, verifiable credentials and
 * a PDF with a QR code for /verify), apprentice stage. Below md (phones) the tables are lists of cards.
 */
export default function MyCreditBankPage() {
  const { t, i18n } = useTranslation();
  const marks = useMarks();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const { catalogue, outcomeText, courseLabel } = useOutcomeLabels();
  const [account, setAccount] = useState<CreditAccount | null>(null);
  const [credentials, setCredentials] = useState<MyCredentialItem[] | null>(null);
  const [pathway, setPathway] = useState<Pathway | undefined>(undefined);
  const [pathwayError, setPathwayError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [issuing, setIssuing] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

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
  const ledgerEntries = useMemo(() => [...(account?.entries ?? [])].reverse(), [account]);
  const ledgerName = (entry: LedgerEntry) => {
    if (!entry.outcomeId) return '—';
    const claim = claimsById.get(entry.outcomeId);
    return achievementNames.get(entry.outcomeId) ?? (claim ? outcomeText(claim).name : '—');
  };
  const intendedUseText = (claim: Outcome) =>
    claim.intendedUse === 'exemption' && claim.exemptCourseId ? (
      <>
        {t('creditbank.use.exemption')}
        {marks.colon}
        {courseLabel(claim.exemptCourseId)}
      </>
    ) : (
      t(`creditbank.use.${claim.intendedUse}`)
    );

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

  const exportPdf = async () => {
    setExporting(true);
    setExportError(null);
    try {
      download(await creditbankApi.exportTranscript());
      // Exporting issued the credentials printed on it.
      setCredentials((await creditbankApi.myCredentials()).items);
    } catch (caught) {
      // A refusal (no Chinese font on the server, …) in the server's words.
      setExportError(errorMessage(caught));
    } finally {
      setExporting(false);
    }
  };

  const credentialAction = (item: MyCredentialItem) => (
    <Space size={4} wrap>
      <Tag color={item.state === 'revoked' ? 'red' : item.state === 'issued' ? 'green' : 'default'}>
        {t(`creditbank.transcript.state.${item.state}`)}
      </Tag>
      {item.credentialId ? (
        <Button
          size={phone ? 'middle' : 'small'}
          icon={<DownloadOutlined />}
          href={creditbankApi.credentialUrl(item.credentialId)}
          data-testid={`credential-download-${item.outcomeId}`}
        >
          {t('creditbank.transcript.download')}
        </Button>
      ) : item.state === 'issuable' ? (
        <Button
          size={phone ? 'middle' : 'small'}
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
  );

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
      render: (_: string, claim: Outcome) => intendedUseText(claim),
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
    { title: t('creditbank.outcome'), key: 'outcome', render: (_: unknown, entry: LedgerEntry) => ledgerName(entry) },
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
    {
      title: t('creditbank.transcript.achievement'),
      dataIndex: 'achievementName',
      render: (name: string, item: MyCredentialItem) => (
        <>
          {name}
          {item.code && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {item.code}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('creditbank.transcript.type'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: MyCredentialItem['kind']) => t(`creditbank.outcomeKind.${kind}`),
    },
    {
      title: t('creditbank.transcript.term'),
      dataIndex: 'term',
      width: 170,
      render: (term: MyCredentialItem['term']) => (term ? pick(term, i18n.language) : '—'),
    },
    {
      title: t('creditbank.transcript.result'),
      dataIndex: 'result',
      width: 110,
      render: (result: MyCredentialItem['result']) => (
        <span data-testid="transcript-result">{result ? pick(result, i18n.language) : '—'}</span>
      ),
    },
    { title: t('creditbank.credits'), dataIndex: 'credits', width: 72, align: 'right' as const },
    { title: t('creditbank.transcript.grantedAt'), dataIndex: 'grantedAt', width: 140, render: formatDateTime },
    {
      title: t('creditbank.transcript.credential'),
      key: 'credential',
      width: 250,
      render: (_: unknown, item: MyCredentialItem) => credentialAction(item),
    },
  ];

  const claimList = phone ? (
    <List<Outcome>
      data-testid="my-claims"
      loading={!account}
      dataSource={claims}
      locale={{ emptyText: t('creditbank.me.noClaims') }}
      pagination={claims.length > 10 ? { pageSize: 10, size: 'small' } : false}
      renderItem={(claim) => (
        <List.Item style={{ padding: '6px 0', display: 'block' }}>
          <Card size="small" data-testid={`claim-row-${claim.certificateNo ?? claim.id}`}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
              <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {outcomeText(claim).name}
              </Typography.Text>
              <ClaimStatusTag status={claim.status} />
            </div>
            <Line label={t('creditbank.gradeOrPrize')}>
              <Tag>{t(`creditbank.outcomeKind.${claim.kind}`)}</Tag>
              {outcomeText(claim).grade}
            </Line>
            {claim.certificateNo && <Line label={t('creditbank.certificateNo')}>{claim.certificateNo}</Line>}
            <Line label={t('creditbank.claimForm.use')}>{intendedUseText(claim)}</Line>
            <Line label={t('creditbank.submittedAt')}>{formatDateTime(claim.submittedAt)}</Line>
            {claim.decisionNote && <Line label={t('creditbank.decisionNote')}>{claim.decisionNote}</Line>}
          </Card>
        </List.Item>
      )}
    />
  ) : (
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
  );

  const ledgerList = phone ? (
    <List<LedgerEntry>
      data-testid="my-ledger"
      loading={!account}
      dataSource={ledgerEntries}
      locale={{ emptyText: t('creditbank.me.noEntries') }}
      pagination={ledgerEntries.length > 10 ? { pageSize: 10, size: 'small' } : false}
      renderItem={(entry) => (
        <List.Item style={{ padding: '6px 0', display: 'block' }}>
          <Card size="small" data-testid="ledger-card">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {ledgerName(entry)}
              </Typography.Text>
              <Typography.Text strong data-testid="ledger-credits">
                {signedCredits(entry.credits)}
              </Typography.Text>
            </div>
            <Space size={4} wrap>
              <Tag color={entry.kind === 'grant' ? 'green' : 'red'}>{t(`creditbank.ledgerKind.${entry.kind}`)}</Tag>
              <CategoryTag category={entry.category} />
              <Typography.Text type="secondary">#{entry.seq}</Typography.Text>
            </Space>
            <Line label={t('creditbank.ledger.time')}>{formatDateTime(entry.recordedAt)}</Line>
            <Line label={t('creditbank.ledger.hash')}>
              <Typography.Text code>{entry.hash.slice(0, 12)}</Typography.Text>
            </Line>
          </Card>
        </List.Item>
      )}
    />
  ) : (
    <Table<LedgerEntry>
      rowKey="id"
      size="small"
      loading={!account}
      dataSource={ledgerEntries}
      columns={ledgerColumns}
      data-testid="my-ledger"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('creditbank.me.noEntries') }}
    />
  );

  const transcriptItems = credentials ?? [];
  const transcriptList = phone ? (
    <List<MyCredentialItem>
      data-testid="my-transcript"
      loading={credentials === null}
      dataSource={transcriptItems}
      locale={{ emptyText: t('creditbank.me.noGranted') }}
      pagination={transcriptItems.length > 10 ? { pageSize: 10, size: 'small' } : false}
      renderItem={(item) => (
        <List.Item style={{ padding: '6px 0', display: 'block' }}>
          <Card size="small" data-testid={`transcript-card-${item.outcomeId}`}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {item.achievementName}
              </Typography.Text>
              <Typography.Text strong>
                {item.credits} {t('creditbank.creditsUnit')}
              </Typography.Text>
            </div>
            <Line label={t('creditbank.transcript.type')}>
              {t(`creditbank.outcomeKind.${item.kind}`)}
              {item.code ? ` · ${item.code}` : ''}
            </Line>
            {item.term && <Line label={t('creditbank.transcript.term')}>{pick(item.term, i18n.language)}</Line>}
            {item.result && (
              <Line label={t('creditbank.transcript.result')}>
                <span data-testid="transcript-result">{pick(item.result, i18n.language)}</span>
              </Line>
            )}
            <div style={{ marginTop: 8 }}>{credentialAction(item)}</div>
          </Card>
        </List.Item>
      )}
    />
  ) : (
    <Table<MyCredentialItem>
      rowKey="outcomeId"
      size="small"
      loading={credentials === null}
      dataSource={transcriptItems}
      columns={transcriptColumns}
      data-testid="my-transcript"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('creditbank.me.noGranted') }}
    />
  );

  const actions = (
    <Space wrap style={phone ? { width: '100%', marginBottom: 16 } : undefined}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="new-claim">
        {t('creditbank.claimForm.open')}
      </Button>
      <Button
        type="link"
        href="/verify"
        data-testid="verify-link"
        onClick={(event) => {
          event.preventDefault();
          navigate('/verify');
        }}
      >
        {t('creditbank.transcript.verifyLink')}
      </Button>
    </Space>
  );

  return (
    <PageCard title={t('creditbank.me.title')} extra={phone ? undefined : actions}>
      {phone && actions}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {account && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('students.name')}>
            {account.student.name}
            {marks.paren(account.student.studentNo)}
          </Descriptions.Item>
          <Descriptions.Item label={t('students.major')}>{account.student.majorName}</Descriptions.Item>
          <Descriptions.Item label={t('students.cohortYear')}>{account.student.cohortYear}</Descriptions.Item>
        </Descriptions>
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="balances">
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
          { key: 'claims', label: <TabLabel testId="tab-claims">{t('creditbank.me.claims')}</TabLabel>, children: claimList },
          { key: 'ledger', label: <TabLabel testId="tab-ledger">{t('creditbank.me.ledger')}</TabLabel>, children: ledgerList },
          {
            key: 'transcript',
            label: <TabLabel testId="tab-transcript">{t('creditbank.me.transcript')}</TabLabel>,
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('creditbank.transcript.intro')}</Typography.Paragraph>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Button
                    icon={<FilePdfOutlined />}
                    loading={exporting}
                    onClick={() => void exportPdf()}
                    disabled={credentials === null}
                    data-testid="transcript-pdf"
                  >
                    {t('creditbank.transcript.exportPdf')}
                  </Button>
                  <Typography.Text type="secondary">{t('creditbank.transcript.exportPdfHint')}</Typography.Text>
                </Space>
                {exportError && (
                  <Alert
                    type="error"
                    showIcon
                    title={exportError}
                    style={{ marginBottom: 12 }}
                    data-testid="transcript-pdf-error"
                    closable={{ onClose: () => setExportError(null) }}
                  />
                )}
                {transcriptList}
              </>
            ),
          },
        ]}
      />
      <ClaimForm
        open={formOpen}
        catalogue={catalogue}
        courseLabel={courseLabel}
        claims={account?.claims ?? []}
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
