import { useCallback, useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { creditbankApi, type Claim, type ClaimAction, type ClaimStatus, type OutcomeKind } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ImportReviewsTab } from './ImportReviewsTab.tsx';
import { CategoryTag, ClaimStatusTag, claimStatuses, outcomeKinds, ShortHash, signedCredits, useOutcomeLabels } from './shared.tsx';
import { useAsyncAction, usePagedList } from '../../lib/hooks.ts';
import { AttachmentList } from '../../components/Attachments.tsx';

/** Which steps a claim in a status can take next. */
const nextActions: Record<ClaimStatus, ClaimAction[]> = {
  submitted: ['verify', 'reject'],
  verified: ['grant', 'reject'],
  granted: ['reverse'],
  rejected: [],
  reversed: [],
};
/** Steps that need a reason (退回、撤销); verify and grant take an optional note. */
const needsNote = (action: ClaimAction) => action === 'reject' || action === 'reverse';

function ClaimsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { outcomeText, courseLabel } = useOutcomeLabels();
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
  const [note, setNote] = useState('');
  const mayReview = can('creditbank.review');
  const error = review.error ?? loadError;

  const run = async (claim: Claim, step: ClaimAction, text: string | null) => {
    // A refusal (403 不能审核自己提交的申请, 409 a conversion refusal, …) is shown as the server says it.
    const done = await review.run(() => creditbankApi.reviewClaim(claim.id, step, text));
    setActing(null);
    if (done) {
      message.success(t(`creditbank.review.done.${step}`));
      await reload();
    }
  };

  const actionButton = (claim: Claim, action: ClaimAction) => {
    const button = (
      <Button
        key={action}
        size="small"
        type={action === 'grant' || action === 'verify' ? 'primary' : 'default'}
        danger={needsNote(action)}
        data-testid={`claim-${action}-${claim.id}`}
        disabled={review.busy}
        onClick={
          needsNote(action)
            ? () => {
                setNote('');
                setActing({ claim, action });
              }
            : undefined
        }
      >
        {t(`creditbank.review.action.${action}`)}
      </Button>
    );
    if (needsNote(action)) return button;
    return (
      <Popconfirm
        key={action}
        title={t(`creditbank.review.confirm.${action}`)}
        onConfirm={() => run(claim, action, null)}
        okButtonProps={{ 'data-testid': `confirm-${action}` } as never}
      >
        {button}
      </Popconfirm>
    );
  };

  return (
    <>
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
      <Table<Claim>
        rowKey="id"
        size="small"
        data-testid="claims-table"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { count: total }),
          showSizeChanger: false,
        }}
        onRow={(claim) => ({ 'data-testid': `review-row-${claim.certificateNo ?? claim.id}`, 'data-claim-id': claim.id }) as never}
        expandable={{
          expandedRowRender: (claim) => (
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('creditbank.claimForm.use')}>
                {claim.intendedUse === 'exemption' && claim.exemptCourseId ? (
                  <>
                    {t('creditbank.use.exemption')}：{courseLabel(claim.exemptCourseId)}
                  </>
                ) : (
                  t(`creditbank.use.${claim.intendedUse}`)
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('creditbank.issuedOn')}>{claim.issuedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('creditbank.review.source')}>
                {t(`creditbank.source.${claim.source}`, { defaultValue: claim.source })}
              </Descriptions.Item>
              <Descriptions.Item label={t('creditbank.review.verifiedAt')}>{formatDateTime(claim.verifiedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('creditbank.claimForm.evidenceFiles')} span={2}>
                <AttachmentList files={claim.evidenceFiles ?? []} testId="claim-evidence" />
              </Descriptions.Item>
              <Descriptions.Item label={t('creditbank.claimForm.evidenceNote')} span={2}>
                {claim.evidence?.note ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('creditbank.claimForm.evidenceLinks')} span={2}>
                {(claim.evidence?.links ?? []).length === 0 ? (
                  '—'
                ) : (
                  <Space orientation="vertical" size={0}>
                    {claim.evidence.links!.map((link) => (
                      <a key={link} href={link} target="_blank" rel="noreferrer noopener">
                        {link}
                      </a>
                    ))}
                  </Space>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('creditbank.decisionNote')} span={2}>
                {claim.decisionNote ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('creditbank.me.ledger')} span={2}>
                {claim.ledger.length === 0
                  ? '—'
                  : claim.ledger.map((entry) => (
                      <div key={entry.id}>
                        #{entry.seq} <Tag color={entry.kind === 'grant' ? 'green' : 'red'}>{t(`creditbank.ledgerKind.${entry.kind}`)}</Tag>
                        <CategoryTag category={entry.category} />
                        {signedCredits(entry.credits)} · {formatDateTime(entry.recordedAt)} · <ShortHash hash={entry.hash} />
                      </div>
                    ))}
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
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
            render: (kind: Claim['kind']) => <Tag>{t(`creditbank.outcomeKind.${kind}`)}</Tag>,
          },
          { title: t('creditbank.outcome'), key: 'outcome', render: (_, claim) => outcomeText(claim).name },
          { title: t('creditbank.gradeOrPrize'), key: 'grade', width: 100, render: (_, claim) => outcomeText(claim).grade },
          { title: t('creditbank.certificateNo'), dataIndex: 'certificateNo', width: 140, render: (value: string | null) => value ?? '—' },
          { title: t('creditbank.submittedAt'), dataIndex: 'submittedAt', width: 135, render: formatDateTime },
          {
            title: t('creditbank.status'),
            dataIndex: 'status',
            width: 90,
            render: (value: ClaimStatus) => <ClaimStatusTag status={value} />,
          },
          ...(mayReview
            ? [
                {
                  title: t('creditbank.review.actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, claim: Claim) => (
                    <Space size={4}>{nextActions[claim.status].map((action) => actionButton(claim, action))}</Space>
                  ),
                },
              ]
            : []),
        ]}
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
            {acting.claim.student.name}（{acting.claim.student.studentNo}）· {outcomeText(acting.claim).name}{' '}
            {outcomeText(acting.claim).grade}
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
