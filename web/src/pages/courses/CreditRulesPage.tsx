import { useCallback, useEffect, useMemo, useState, type Key } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAsyncAction } from '../../lib/hooks.ts';
import {
  creditRulesApi,
  type CreditRuleList,
  type CreditRuleStep,
  type CreditRuleValues,
  type CreditRuleVersion,
} from './credit-rules-api.ts';
import { useCohortRange } from './credit-rules-range.ts';
import { useClusterTree } from './shared.tsx';

export const creditRuleFields = [
  'sharedCourseCount',
  'sharedCredits',
  'coreCredits',
  'crossGroupExtensionCredits',
  'practiceShareMin',
  'totalCreditsMin',
  'totalCreditsMax',
  'termCreditsMax',
  'termCount',
] as const satisfies readonly (keyof CreditRuleValues)[];
type Field = (typeof creditRuleFields)[number];

/** The form shows the practice share in per cent; the API speaks fractions. */
interface FormValues extends Omit<CreditRuleValues, 'practiceShareMin'> {
  practiceSharePercent: number;
  effectiveFromCohort: number;
  note?: string | null;
}
const toForm = (rules: CreditRuleValues, effectiveFromCohort: number, note: string | null): FormValues => {
  const { practiceShareMin, ...rest } = rules;
  return { ...rest, practiceSharePercent: Math.round(practiceShareMin * 1000) / 10, effectiveFromCohort, note };
};
const fromForm = (values: FormValues): CreditRuleValues => {
  const { practiceSharePercent, effectiveFromCohort: _cohort, note: _note, ...rest } = values;
  return { ...rest, practiceShareMin: Math.round(practiceSharePercent * 10) / 1000 };
};
const shown = (field: Field, rules: CreditRuleValues) =>
  field === 'practiceShareMin' ? `${Math.round(rules.practiceShareMin * 1000) / 10}%` : String(rules[field]);

const statusColour: Record<CreditRuleVersion['status'], string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'success',
  superseded: 'warning',
  discarded: 'default',
};

type Problem = { field: string; message: { 'zh-CN': string; en: string } };

/** 学分结构规则: the version in force, the history, and the next version — drafted, submitted, approved by another 教务. */
export default function CreditRulesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const mayEdit = can('course.rules');
  const { tree } = useClusterTree();
  const clusterId = tree[0]?.id ?? null;
  const [cohortYear, setCohortYear] = useState<number>(() => new Date().getFullYear());
  const [list, setList] = useState<CreditRuleList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [form] = Form.useForm<FormValues>();
  const write = useAsyncAction();
  const range = useCohortRange();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';

  const problems = useMemo(
    () => (write.failure instanceof ApiError ? ((write.failure.details as { problems?: Problem[] } | null)?.problems ?? []) : []),
    [write.failure],
  );
  const bad = useMemo(() => new Set(problems.map((problem) => problem.field)), [problems]);

  const load = useCallback(async () => {
    if (!clusterId) return;
    setLoadError(null);
    try {
      setList(await creditRulesApi.list(clusterId, cohortYear));
    } catch (caught) {
      setLoadError(errorMessage(caught));
    }
  }, [clusterId, cohortYear]);
  useEffect(() => {
    void load();
  }, [load]);

  const open = list?.versions.find((version) => version.id === list.openVersionId) ?? null;
  const inForce = list?.versions.find((version) => version.id === list.inForce?.id) ?? null;
  const editable = mayEdit && (open ? open.status === 'draft' : editing);

  // The editor shows the open version, or (when starting one) the rules in force.
  useEffect(() => {
    if (!list) return;
    if (open) form.setFieldsValue(toForm(open.rules, open.effectiveFromCohort, open.note));
    else if (editing) form.setFieldsValue(toForm(list.rules, new Date().getFullYear(), null));
  }, [list, open, editing, form]);

  const save = async () => {
    if (!clusterId) return;
    const values = await form.validateFields();
    await write.run(async () => {
      const saved = await creditRulesApi.saveDraft(clusterId, {
        rules: fromForm(values),
        effectiveFromCohort: values.effectiveFromCohort,
        note: values.note?.trim() || null,
        revision: open?.revision,
      });
      message.success(t('creditRules.saved', { version: saved.versionNo }));
      setEditing(false);
      await load();
    });
  };

  const restore = async () => {
    if (!clusterId) return;
    const cohort = form.getFieldValue('effectiveFromCohort') as number | undefined;
    await write.run(async () => {
      const restored = await creditRulesApi.restoreDefaults(clusterId, {
        effectiveFromCohort: cohort ?? undefined,
        revision: open?.revision,
      });
      message.success(t('creditRules.restored', { version: restored.versionNo }));
      setEditing(false);
      await load();
    });
  };

  const act = async (action: CreditRuleStep) => {
    if (!open) return;
    await write.run(async () => {
      await creditRulesApi.step(open.id, action, { revision: open.revision, comment: comment.trim() || undefined });
      message.success(t(`creditRules.done.${action}`, { version: open.versionNo }));
      setComment('');
      await load();
    });
  };

  const changedFromInForce = (field: Field) => {
    if (!list || !open) return null;
    return shown(field, open.rules) !== shown(field, list.rules)
      ? t('creditRules.inForceValue', { value: shown(field, list.rules) })
      : null;
  };

  const rulesTable = (rules: CreditRuleValues) => (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
      {creditRuleFields.map((field) => (
        <Descriptions.Item key={field} label={t(`creditRules.field.${field}`)}>
          {shown(field, rules)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );

  const numberInput = (field: Exclude<Field, 'practiceShareMin'>) => {
    const whole = field === 'sharedCourseCount' || field === 'termCount';
    return (
      <Form.Item
        name={field}
        label={t(`creditRules.field.${field}`)}
        rules={[{ required: true, message: t('creditRules.required') }]}
        validateStatus={bad.has(field) ? 'error' : undefined}
        extra={changedFromInForce(field)}
      >
        <InputNumber
          step={whole ? 1 : 0.5}
          precision={whole ? 0 : 1}
          disabled={!editable}
          style={{ width: '100%' }}
          data-testid={`credit-rule-${field}`}
        />
      </Form.Item>
    );
  };

  return (
    <PageCard
      title={t('creditRules.title')}
      extra={
        <Space wrap>
          <span>{t('creditRules.viewCohort')}</span>
          <InputNumber
            min={2000}
            max={2100}
            value={cohortYear}
            onChange={(value) => typeof value === 'number' && setCohortYear(value)}
            data-testid="credit-rules-cohort"
            style={{ width: 100 }}
          />
        </Space>
      }
    >
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} />}
      {list && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="credit-rules-in-force"
          title={
            list.inForce
              ? t('creditRules.inForceFor', { cohort: list.cohortYear, version: list.inForce.versionNo, range: range(list.inForce) })
              : t('creditRules.defaultsFor', { cohort: list.cohortYear })
          }
          description={t('creditRules.pinnedHint')}
        />
      )}

      {write.error && (
        <Alert
          type="error"
          showIcon
          title={write.error}
          style={{ marginBottom: 12 }}
          data-testid="credit-rules-error"
          description={
            problems.length > 1 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((problem, index) => (
                  <li key={`${problem.field}-${index}`}>{problem.message[language]}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      {mayEdit && (open || editing) && (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="credit-rules-editor"
          title={
            <Space wrap>
              {open ? t('creditRules.versionNo', { version: open.versionNo }) : t('creditRules.newVersion')}
              {open && (
                <Tag color={statusColour[open.status]} data-testid="credit-rules-open-status" data-status={open.status}>
                  {open.statusLabel[language]}
                </Tag>
              )}
            </Space>
          }
          extra={
            <Space wrap>
              {editable && (
                <Button
                  type="primary"
                  loading={write.busy}
                  onClick={() => void save().catch(() => undefined)}
                  data-testid="credit-rules-save"
                >
                  {t('creditRules.saveDraft')}
                </Button>
              )}
              {editable && (
                <Popconfirm
                  title={t('creditRules.restoreConfirm')}
                  onConfirm={() => restore()}
                  okButtonProps={{ 'data-testid': 'credit-rules-restore-ok' } as never}
                >
                  <Button disabled={write.busy} data-testid="credit-rules-restore">
                    {t('creditRules.restoreDefaults')}
                  </Button>
                </Popconfirm>
              )}
              {open?.status === 'draft' && (
                <Button disabled={write.busy} onClick={() => void act('submit')} data-testid="credit-rules-submit">
                  {t('creditRules.submit')}
                </Button>
              )}
              {open?.status === 'draft' && (
                <Popconfirm title={t('creditRules.discardConfirm')} onConfirm={() => act('discard')}>
                  <Button danger disabled={write.busy} data-testid="credit-rules-discard">
                    {t('creditRules.discard')}
                  </Button>
                </Popconfirm>
              )}
              {!open && editing && <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>}
              {open?.status === 'pending' && (
                <Button disabled={write.busy} onClick={() => void act('withdraw')} data-testid="credit-rules-withdraw">
                  {t('creditRules.withdraw')}
                </Button>
              )}
              {open?.status === 'pending' && (
                <Button disabled={write.busy} onClick={() => void act('reject')} data-testid="credit-rules-reject">
                  {t('creditRules.reject')}
                </Button>
              )}
              {open?.status === 'pending' && (
                <Tooltip title={open.youAreAuthor ? t('creditRules.authorCannotApprove') : undefined}>
                  <Popconfirm
                    title={t('creditRules.approveConfirm', { version: open.versionNo, range: range(open) })}
                    onConfirm={() => act('approve')}
                    okButtonProps={{ 'data-testid': 'credit-rules-approve-ok' } as never}
                  >
                    <Button type="primary" disabled={write.busy} data-testid="credit-rules-approve" data-author={open.youAreAuthor}>
                      {t('creditRules.approve')}
                    </Button>
                  </Popconfirm>
                </Tooltip>
              )}
            </Space>
          }
        >
          {open?.status === 'pending' && (
            <Typography.Paragraph type="secondary" data-testid="credit-rules-pending-hint">
              {open.youAreAuthor ? t('creditRules.authorCannotApprove') : t('creditRules.approveHint')}
              {open.submittedByName ? ` ${t('creditRules.submittedBy', { name: open.submittedByName })}` : ''}
            </Typography.Paragraph>
          )}
          {open?.reviewComment && open.status === 'draft' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('creditRules.returned', { comment: open.reviewComment })}
            />
          )}
          {open && (
            <Typography.Paragraph type="secondary" data-testid="credit-rules-impact">
              {t('creditRules.impact', { from: open.effectiveFromCohort, count: list?.openFollowers ?? 0 })}
            </Typography.Paragraph>
          )}
          <Form form={form} layout="vertical">
            <Row gutter={16}>
              {creditRuleFields.map((field) => (
                <Col xs={24} sm={12} lg={8} key={field}>
                  {field === 'practiceShareMin' ? (
                    <Form.Item
                      name="practiceSharePercent"
                      label={t('creditRules.field.practiceShareMin')}
                      rules={[{ required: true, message: t('creditRules.required') }]}
                      validateStatus={bad.has(field) ? 'error' : undefined}
                      extra={changedFromInForce(field)}
                    >
                      <InputNumber
                        step={5}
                        precision={1}
                        suffix="%"
                        disabled={!editable}
                        style={{ width: '100%' }}
                        data-testid="credit-rule-practiceShareMin"
                      />
                    </Form.Item>
                  ) : (
                    numberInput(field)
                  )}
                </Col>
              ))}
              <Col xs={24} sm={12} lg={8}>
                <Form.Item
                  name="effectiveFromCohort"
                  label={t('creditRules.effectiveFromCohort')}
                  rules={[{ required: true, message: t('creditRules.required') }]}
                  validateStatus={bad.has('effectiveFromCohort') ? 'error' : undefined}
                >
                  <InputNumber precision={0} disabled={!editable} style={{ width: '100%' }} data-testid="credit-rule-effectiveFromCohort" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={16}>
                <Form.Item name="note" label={t('creditRules.note')}>
                  <Input maxLength={500} disabled={!editable} data-testid="credit-rule-note" />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {open?.status === 'pending' && (
            <Input.TextArea
              rows={2}
              maxLength={1000}
              placeholder={t('creditRules.commentPlaceholder')}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              data-testid="credit-rules-comment"
            />
          )}
        </Card>
      )}

      {mayEdit && !open && !editing && list && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button type="primary" onClick={() => setEditing(true)} data-testid="credit-rules-new">
            {t('creditRules.draftFromCurrent')}
          </Button>
          <Popconfirm
            title={t('creditRules.restoreConfirm')}
            onConfirm={() => restore()}
            okButtonProps={{ 'data-testid': 'credit-rules-restore-ok' } as never}
          >
            <Button disabled={write.busy} data-testid="credit-rules-restore">
              {t('creditRules.restoreDefaults')}
            </Button>
          </Popconfirm>
        </Space>
      )}

      <Typography.Title level={5}>{t('creditRules.history')}</Typography.Title>
      <Table<CreditRuleVersion>
        rowKey="id"
        size="small"
        data-testid="credit-rule-versions"
        loading={list === null && !loadError}
        dataSource={list?.versions ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('creditRules.noVersions')} /> }}
        onRow={(version) => ({ 'data-testid': `credit-rule-version-${version.versionNo}` }) as never}
        expandable={{
          expandedRowRender: (version) => rulesTable(version.rules),
          // The version in force starts open, with its figures.
          expandedRowKeys: expanded ?? (inForce ? [inForce.id] : []),
          onExpandedRowsChange: (keys) => setExpanded(keys),
        }}
        columns={[
          {
            title: t('creditRules.version'),
            dataIndex: 'versionNo',
            width: 80,
            render: (value: number) => t('creditRules.versionNo', { version: value }),
          },
          {
            title: t('creditRules.status'),
            key: 'status',
            width: 150,
            render: (_, version) => (
              <Space size={4} wrap>
                <Tag color={statusColour[version.status]}>{version.statusLabel[language]}</Tag>
                {version.id === list?.inForce?.id && (
                  <Tag color="gold" data-testid="credit-rule-in-force">
                    {t('creditRules.inForceTag', { cohort: list.cohortYear })}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('creditRules.cohorts'),
            key: 'cohorts',
            width: 140,
            render: (_, version) =>
              version.status === 'approved' ? range(version) : t('creditRules.fromCohort', { from: version.effectiveFromCohort }),
          },
          {
            title: t('creditRules.origin'),
            dataIndex: 'origin',
            width: 110,
            render: (value: string) => t(`creditRules.originLabel.${value}`),
          },
          {
            title: t('creditRules.people'),
            key: 'people',
            width: 240,
            render: (_, version) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('creditRules.draftedBy', {
                    who: [version.createdByName, formatDateTime(version.createdAt)].filter(Boolean).join(' · '),
                  })}
                </Typography.Text>
                {version.approvedAt && (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {t('creditRules.approvedBy', {
                      who: [version.approvedByName, formatDateTime(version.approvedAt)].filter(Boolean).join(' · '),
                    })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('creditRules.programmes'), dataIndex: 'programmeCount', width: 120, align: 'right' },
          { title: t('creditRules.note'), dataIndex: 'note', ellipsis: true, render: (value: string | null) => value ?? '' },
        ]}
      />
    </PageCard>
  );
}
