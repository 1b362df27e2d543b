import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import {
  creditbankApi,
  errorMessage,
  type Claim,
  type ClaimAction,
  type ClaimStatus,
  type CreditbankSettings,
  type GrantPreview,
  type OutcomeKind,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { AttachmentPreview } from '../../components/AttachmentPreview.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAsyncAction, useMarks, usePagedList } from '../../lib/hooks.ts';
import { ImportReviewsTab } from './ImportReviewsTab.tsx';
import { CategoryTag, ClaimStatusTag, claimStatuses, outcomeKinds, ShortHash, signedCredits, useOutcomeLabels } from './shared.tsx';

/** Which steps a claim in a status can take next. */
const nextActions: Record<ClaimStatus, ClaimAction[]> = {
  submitted: ['verify', 'reject'],
  verified: ['grant', 'reject'],
  granted: ['reverse'],
  rejected: [],
  reversed: [],
};
/** Steps that need a reason (退回、撤销); verify takes none, grant is confirmed with its figures. */
const needsNote = (action: ClaimAction) => action === 'reject' || action === 'reverse';

/**
 * The grant confirmation (认定确认): what the ledger will record — the credits and the category — under
 * today's rules and the student's standing grants, with the reason; or why this reviewer cannot grant
 * (four eyes, a conversion refusal). Granting sends the figures shown, so a change in between is refused.
 */
function GrantConfirm({ claim, onClose, onGranted }: { claim: Claim | null; onClose: () => void; onGranted: () => void }) {
  const { t } = useTranslation();
  const marks = useMarks();
  const { outcomeText } = useOutcomeLabels();
  const [preview, setPreview] = useState<{ claimId: number; answer: GrantPreview } | null>(null);
  const [loadError, setLoadError] = useState<{ claimId: number; message: string } | null>(null);
  const granting = useAsyncAction();
  const { clear } = granting;
  const claimId = claim?.id ?? null;
  useEffect(() => {
    if (claimId === null) return;
    let cancelled = false;
    clear();
    creditbankApi.grantPreview(claimId).then(
      (answer) => !cancelled && setPreview({ claimId, answer }),
      (caught: unknown) => !cancelled && setLoadError({ claimId, message: errorMessage(caught) }),
    );
    return () => {
      cancelled = true;
    };
  }, [claimId, clear]);
  const shown = preview && preview.claimId === claimId ? preview.answer : null;
  const failed = loadError && loadError.claimId === claimId ? loadError.message : null;
  const grant = async () => {
    if (!claim || !shown?.mayGrant || shown.credits === null || shown.category === null) return;
    const done = await granting.run(() =>
      creditbankApi.reviewClaim(claim.id, 'grant', null, { credits: shown.credits!, category: shown.category! }),
    );
    if (done) onGranted();
  };
  return (
    <Modal
      open={claim !== null}
      title={t('creditbank.review.grantTitle')}
      onCancel={onClose}
      onOk={() => void grant()}
      okText={t('creditbank.review.grantOk')}
      confirmLoading={granting.busy}
      okButtonProps={{ disabled: !shown?.mayGrant, 'data-testid': 'confirm-grant' } as never}
      destroyOnHidden
      data-testid="grant-confirm"
    >
      {claim && (
        <Typography.Paragraph>
          {claim.student.name}
          {marks.paren(claim.student.studentNo)} · {outcomeText(claim).name} {outcomeText(claim).grade}
        </Typography.Paragraph>
      )}
      {granting.error && <Alert type="error" showIcon title={granting.error} style={{ marginBottom: 12 }} data-testid="grant-error" />}
      {failed ? (
        <Alert type="error" showIcon title={failed} />
      ) : !shown ? (
        <Spin />
      ) : shown.refusal ? (
        <Alert type="warning" showIcon title={t('creditbank.review.cannotGrant')} description={shown.refusal} data-testid="grant-refusal" />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            data-testid="grant-statement"
            data-credits={shown.credits}
            data-category={shown.category}
            title={t('creditbank.review.grantStatement', {
              category: t(`creditbank.categoryLong.${shown.category}`),
              credits: shown.credits,
            })}
            description={
              <>
                <div>{shown.explanation}</div>
                {shown.cappedFrom !== null && (
                  <div>{t('creditbank.review.capped', { full: shown.cappedFrom, credits: shown.credits })}</div>
                )}
              </>
            }
          />
        </>
      )}
    </Modal>
  );
}

/** A claim in full, with its evidence shown in place (images and PDFs), and the steps it can take next. */
function ClaimDrawer({ claim, onClose, actions }: { claim: Claim | null; onClose: () => void; actions: (claim: Claim) => ReactNode }) {
  const { t } = useTranslation();
  const marks = useMarks();
  const screens = Grid.useBreakpoint();
  const { outcomeText, courseLabel } = useOutcomeLabels();
  return (
    <Drawer
      open={claim !== null}
      onClose={onClose}
      size={screens.md ? 720 : '100%'}
      title={claim ? `${claim.student.name}${marks.paren(claim.student.studentNo)} · ${outcomeText(claim).name}` : ''}
      extra={claim ? <Space wrap>{actions(claim)}</Space> : null}
      data-testid="claim-drawer"
      destroyOnHidden
    >
      {claim && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('creditbank.status')}>
              <ClaimStatusTag status={claim.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.kind')}>{t(`creditbank.outcomeKind.${claim.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.gradeOrPrize')}>{outcomeText(claim).grade}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.certificateNo')}>{claim.certificateNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.claimForm.use')}>
              {claim.intendedUse === 'exemption' && claim.exemptCourseId ? (
                <>
                  {t('creditbank.use.exemption')}
                  {marks.colon}
                  {courseLabel(claim.exemptCourseId)}
                </>
              ) : (
                t(`creditbank.use.${claim.intendedUse}`)
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.issuedOn')}>{claim.issuedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.review.source')}>
              {t(`creditbank.source.${claim.source}`, { defaultValue: claim.source })}
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.submittedAt')}>{formatDateTime(claim.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.review.verifiedAt')}>{formatDateTime(claim.verifiedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('creditbank.decisionNote')}>{claim.decisionNote ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('creditbank.claimForm.evidenceFiles')}</Typography.Title>
          <AttachmentPreview files={claim.evidenceFiles ?? []} testId="claim-evidence" />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('creditbank.claimForm.evidenceNote')}
          </Typography.Title>
          <Typography.Paragraph>{claim.evidence?.note ?? '—'}</Typography.Paragraph>
          {(claim.evidence?.links ?? []).length > 0 && (
            <>
              <Typography.Title level={5}>{t('creditbank.claimForm.evidenceLinks')}</Typography.Title>
              <Space orientation="vertical" size={0}>
                {claim.evidence.links!.map((link) => (
                  <a key={link} href={link} target="_blank" rel="noreferrer noopener" style={{ overflowWrap: 'anywhere' }}>
                    {link}
                  </a>
                ))}
              </Space>
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('creditbank.me.ledger')}
          </Typography.Title>
          {claim.ledger.length === 0
            ? '—'
            : claim.ledger.map((entry) => (
                <div key={entry.id}>
                  #{entry.seq} <Tag color={entry.kind === 'grant' ? 'green' : 'red'}>{t(`creditbank.ledgerKind.${entry.kind}`)}</Tag>
                  <CategoryTag category={entry.category} />
                  {signedCredits(entry.credits)} · {formatDateTime(entry.recordedAt)} · <ShortHash hash={entry.hash} />
                </div>
              ))}
        </>
      )}
    </Drawer>
  );
}

function ClaimsTab() {
  const { t } = useTranslation();
  const marks = useMarks();
  const { message } = App.useApp();
  const { can, me } = useAuth();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const { outcomeText } = useOutcomeLabels();
  const [status, setStatus] = useState<ClaimStatus | 'all'>('submitted');
  const [kind, setKind] = useState<OutcomeKind | 'all'>('all');
  const fetchClaims = useCallback(
    (page: number) =>
      creditbankApi.claims({ status: status === 'all' ? undefined : status, kind: kind === 'all' ? undefined : kind, page, pageSize: 20 }),
    [status, kind],
  );
  const { data, page, setPage, reload, error: loadError, loading } = usePagedList(fetchClaims);
  const review = useAsyncAction();
  const [acting, setActing] = useState<{ claim: Claim; action: ClaimAction } | null>(null);
  const [granting, setGranting] = useState<Claim | null>(null);
  const [opened, setOpened] = useState<Claim | null>(null);
  const [note, setNote] = useState('');
  const [settings, setSettings] = useState<CreditbankSettings | null>(null);
  const mayReview = can('creditbank.review');
  const error = review.error ?? loadError;

  useEffect(() => {
    creditbankApi.settings().then(setSettings, () => setSettings(null));
  }, []);

  const afterStep = async (step: ClaimAction) => {
    message.success(t(`creditbank.review.done.${step}`));
    setOpened(null);
    await reload();
  };
  const run = async (claim: Claim, step: ClaimAction, text: string | null) => {
    // A refusal (403 不能审核自己提交的申请, 409 a conversion refusal, …) is shown as the server says it.
    const done = await review.run(() => creditbankApi.reviewClaim(claim.id, step, text));
    setActing(null);
    if (done) await afterStep(step);
  };

  /** Why the signed-in reviewer may not take a step, before they try (the server decides in the end). */
  const blockedReason = (claim: Claim, action: ClaimAction): string | null => {
    if ((action === 'verify' || action === 'grant') && me && claim.submittedBy === me.userId) return t('creditbank.review.ownClaim');
    if (action === 'grant' && (settings?.fourEyes ?? true) && me && claim.verifiedBy === me.userId) return t('creditbank.review.fourEyes');
    return null;
  };

  const actionButton = (claim: Claim, action: ClaimAction) => {
    const blocked = blockedReason(claim, action);
    const button = (
      <Button
        key={action}
        size={phone ? 'middle' : 'small'}
        type={action === 'grant' || action === 'verify' ? 'primary' : 'default'}
        danger={needsNote(action)}
        data-testid={`claim-${action}-${claim.id}`}
        data-blocked={blocked ? 'true' : undefined}
        disabled={review.busy || blocked !== null}
        onClick={
          needsNote(action)
            ? () => {
                setNote('');
                setActing({ claim, action });
              }
            : action === 'grant'
              ? () => setGranting(claim)
              : undefined
        }
      >
        {t(`creditbank.review.action.${action}`)}
      </Button>
    );
    if (blocked)
      return (
        <Tooltip key={action} title={blocked}>
          <span data-testid={`claim-${action}-${claim.id}-blocked`}>{button}</span>
        </Tooltip>
      );
    if (action !== 'verify') return button;
    return (
      <Popconfirm
        key={action}
        title={t('creditbank.review.confirm.verify')}
        onConfirm={() => run(claim, action, null)}
        okButtonProps={{ 'data-testid': 'confirm-verify' } as never}
      >
        {button}
      </Popconfirm>
    );
  };
  const actionsOf = (claim: Claim) => (mayReview ? nextActions[claim.status].map((action) => actionButton(claim, action)) : null);
  const openButton = (claim: Claim) => (
    <Button size={phone ? 'middle' : 'small'} onClick={() => setOpened(claim)} data-testid={`claim-open-${claim.id}`}>
      {t('creditbank.review.open')}
      {claim.evidenceFiles.length > 0 ? marks.paren(claim.evidenceFiles.length) : ''}
    </Button>
  );

  const filters = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Segmented<ClaimStatus | 'all'>
        data-testid="claim-status-filter"
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPage(1);
        }}
        options={[
          ...claimStatuses.map((value) => ({
            value,
            label: <span data-testid={`filter-${value}`}>{t(`creditbank.claimStatus.${value}`)}</span>,
          })),
          { value: 'all', label: <span data-testid="filter-all">{t('common.all')}</span> },
        ]}
      />
      <Select<OutcomeKind | 'all'>
        data-testid="claim-kind-filter"
        style={{ width: 140 }}
        value={kind}
        onChange={(value) => {
          setKind(value);
          setPage(1);
        }}
        options={[
          { value: 'all', label: <span data-testid="kind-all">{t('creditbank.allKinds')}</span> },
          ...outcomeKinds.map((value) => ({
            value,
            label: <span data-testid={`kind-${value}`}>{t(`creditbank.outcomeKind.${value}`)}</span>,
          })),
        ]}
      />
      <Button onClick={() => void reload()}>{t('common.refresh')}</Button>
    </Space>
  );

  const pagination = {
    current: page,
    pageSize: 20,
    total: data?.total ?? 0,
    onChange: setPage,
    showTotal: (total: number) => t('common.total', { count: total }),
    showSizeChanger: false,
  };

  return (
    <>
      {filters}
      {settings && (
        <Typography.Paragraph type="secondary" data-testid="four-eyes-note">
          {t(settings.fourEyes ? 'creditbank.review.fourEyesOn' : 'creditbank.review.fourEyesOff')}
        </Typography.Paragraph>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: review.clear }}
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="review-error"
        />
      )}
      {phone ? (
        <List<Claim>
          data-testid="claims-table"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ ...pagination, size: 'small' }}
          renderItem={(claim) => (
            <List.Item style={{ padding: '6px 0', display: 'block' }}>
              <Card size="small" data-testid={`review-row-${claim.certificateNo ?? claim.id}`} data-claim-id={claim.id}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {claim.student.name}
                    {marks.paren(claim.student.studentNo)}
                  </Typography.Text>
                  <ClaimStatusTag status={claim.status} />
                </div>
                <div style={{ overflowWrap: 'anywhere' }}>
                  <Tag>{t(`creditbank.outcomeKind.${claim.kind}`)}</Tag>
                  {outcomeText(claim).name} {outcomeText(claim).grade}
                </div>
                <Typography.Text type="secondary">
                  {claim.certificateNo ?? '—'} · {formatDateTime(claim.submittedAt)}
                </Typography.Text>
                <Space wrap style={{ marginTop: 8 }}>
                  {openButton(claim)}
                  {actionsOf(claim)}
                </Space>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<Claim>
          rowKey="id"
          size="small"
          data-testid="claims-table"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={pagination}
          onRow={(claim) => ({ 'data-testid': `review-row-${claim.certificateNo ?? claim.id}`, 'data-claim-id': claim.id }) as never}
          columns={[
            {
              title: t('creditbank.student'),
              key: 'student',
              width: 170,
              render: (_, claim) => (
                <>
                  {claim.student.name}
                  <br />
                  <Typography.Text type="secondary">{claim.student.studentNo}</Typography.Text>
                </>
              ),
            },
            {
              title: t('creditbank.kind'),
              dataIndex: 'kind',
              width: 100,
              render: (value: Claim['kind']) => <Tag>{t(`creditbank.outcomeKind.${value}`)}</Tag>,
            },
            { title: t('creditbank.outcome'), key: 'outcome', render: (_, claim) => outcomeText(claim).name },
            { title: t('creditbank.gradeOrPrize'), key: 'grade', width: 100, render: (_, claim) => outcomeText(claim).grade },
            {
              title: t('creditbank.certificateNo'),
              dataIndex: 'certificateNo',
              width: 140,
              render: (value: string | null) => value ?? '—',
            },
            { title: t('creditbank.submittedAt'), dataIndex: 'submittedAt', width: 135, render: formatDateTime },
            {
              title: t('creditbank.status'),
              dataIndex: 'status',
              width: 90,
              render: (value: ClaimStatus) => <ClaimStatusTag status={value} />,
            },
            {
              title: t('creditbank.review.actions'),
              key: 'actions',
              width: 230,
              render: (_: unknown, claim: Claim) => (
                <Space size={4} wrap>
                  {openButton(claim)}
                  {actionsOf(claim)}
                </Space>
              ),
            },
          ]}
        />
      )}
      <ClaimDrawer claim={opened} onClose={() => setOpened(null)} actions={(claim) => actionsOf(claim)} />
      <GrantConfirm
        claim={granting}
        onClose={() => setGranting(null)}
        onGranted={() => {
          setGranting(null);
          void afterStep('grant');
        }}
      />
      <Modal
        open={acting !== null}
        title={acting ? t(`creditbank.review.action.${acting.action}`) : ''}
        onCancel={() => setActing(null)}
        onOk={() => acting && void run(acting.claim, acting.action, note.trim())}
        okButtonProps={{ disabled: note.trim().length < 2, danger: true, 'data-testid': 'review-note-ok' } as never}
        confirmLoading={review.busy}
        destroyOnHidden
      >
        {acting && (
          <Typography.Paragraph>
            {acting.claim.student.name}
            {marks.paren(acting.claim.student.studentNo)} · {outcomeText(acting.claim).name} {outcomeText(acting.claim).grade}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder={t('creditbank.review.notePlaceholder')}
          data-testid="review-note"
        />
      </Modal>
    </>
  );
}

/** 学分认定审核: the claims queue, and the imported certificate results that need a person to match them. */
export default function ClaimsReviewPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <PageCard title={t('creditbank.review.title')}>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'claims',
            label: <span data-testid="tab-review-claims">{t('creditbank.review.claimsTab')}</span>,
            children: <ClaimsTab />,
          },
          ...(can('creditbank.review')
            ? [
                {
                  key: 'imports',
                  label: <span data-testid="tab-import-reviews">{t('creditbank.importReview.tab')}</span>,
                  children: <ImportReviewsTab />,
                },
              ]
            : []),
        ]}
      />
    </PageCard>
  );
}
