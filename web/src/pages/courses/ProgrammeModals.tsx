import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type CopyIssue, type CopyPreview, type ProgrammeDetail } from '../../api.ts';
import { FieldChange } from './ProgrammeDocumentParts.tsx';
import { useClusterTree } from './shared.tsx';

interface NewValues {
  majorId: number;
  cohortYear: number;
  graduationCredits: number;
  electiveCreditsRequired: number;
}

/** 新建培养方案: major + cohort + graduation credits; opens the builder on success. */
export function NewProgrammeModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { majorOptions } = useClusterTree();
  const [form] = Form.useForm<NewValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const created = await api.createProgramme(values);
      message.success(t('programmes.created'));
      onCreated(created.id);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('programmes.new')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('programmes.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'new-programme-ok' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="new-programme-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ cohortYear: new Date().getFullYear() + 1, graduationCredits: 148, electiveCreditsRequired: 16 }}
      >
        <Form.Item name="majorId" label={t('programmes.major')} rules={[{ required: true, message: t('programmes.majorRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={majorOptions}
            data-testid="new-programme-major"
            placeholder={t('programmes.majorPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="cohortYear" label={t('programmes.cohortYear')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2100} style={{ width: '100%' }} data-testid="new-programme-cohort" />
        </Form.Item>
        <Form.Item name="graduationCredits" label={t('programmes.graduationCredits')} rules={[{ required: true }]}>
          <InputNumber min={1} max={400} style={{ width: '100%' }} data-testid="new-programme-credits" />
        </Form.Item>
        <Form.Item
          name="electiveCreditsRequired"
          label={t('programmes.electiveCreditsRequired')}
          extra={t('programmes.electiveCreditsHint')}
        >
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type DecisionMap = Record<number, { use: CopyIssue['use']; replacementId?: number }>;

const decisionsOf = (decisions: DecisionMap) =>
  Object.entries(decisions).map(([courseId, decision]) => ({ courseId: Number(courseId), ...decision }));

/**
 * 复制到新年级, in two steps: the major and cohort, then what the copy would change — every course that cannot be
 * copied as it was (retired: leave it out or take a replacement, the pool's closest proposed; a newer version: take
 * it or keep the old one) with the credits before and after and the rules the copy would fail. Nothing is silent.
 */
export function CopyProgrammeModal({
  programme,
  onClose,
  onCopied,
}: {
  programme: ProgrammeDetail;
  onClose: () => void;
  onCopied: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { majorOptions, groupShortName } = useClusterTree();
  const [form] = Form.useForm<{ cohortYear: number; majorId: number }>();
  const [target, setTarget] = useState<{ cohortYear: number; majorId?: number } | null>(null);
  const [preview, setPreview] = useState<CopyPreview | null>(null);
  const [decisions, setDecisions] = useState<DecisionMap>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  /** A parenthesised note: full-width brackets in Chinese, half-width with a space in English. */
  const paren = (text: string) => (i18n.language === 'en' ? ` (${text})` : `（${text}）`);
  const courseName = (entry: { name: string; nameEn: string | null }) =>
    i18n.language === 'en' && entry.nameEn ? entry.nameEn : entry.name;

  const load = async (next: { cohortYear: number; majorId?: number }, chosen: DecisionMap) => {
    const mine = ++seq.current;
    setBusy(true);
    setError(null);
    try {
      const result = await api.previewCopy(programme.id, { ...next, decisions: decisionsOf(chosen) });
      if (mine === seq.current) setPreview(result);
      return result;
    } catch (caught) {
      if (mine === seq.current) setError(errorMessage(caught));
      return null;
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  };

  const check = async () => {
    const values = await form.validateFields();
    const next = { cohortYear: values.cohortYear, majorId: values.majorId === programme.majorId ? undefined : values.majorId };
    setTarget(next);
    const first = await load(next, {});
    if (!first) return;
    // A retired course with a close replacement in the pool: the replacement is proposed, already chosen.
    const proposed: DecisionMap = {};
    for (const issue of first.issues)
      if (issue.kind === 'retired' && issue.suggestedReplacementId)
        proposed[issue.courseId] = { use: 'replace', replacementId: issue.suggestedReplacementId };
    setDecisions(proposed);
    if (Object.keys(proposed).length > 0) await load(next, proposed);
  };

  const decide = (courseId: number, decision: { use: CopyIssue['use']; replacementId?: number }) => {
    const next = { ...decisions, [courseId]: decision };
    setDecisions(next);
    // A replacement still to be picked is not sent yet.
    if (target && !(decision.use === 'replace' && !decision.replacementId)) void load(target, next);
  };

  const incomplete = preview?.issues.some(
    (issue) => decisions[issue.courseId]?.use === 'replace' && !decisions[issue.courseId]?.replacementId,
  );

  const copy = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const copied = await api.copyProgramme(programme.id, { ...target, decisions: decisionsOf(decisions) });
      message.success(t('programmes.copied', { name: copied.name }));
      onCopied(copied.id);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const issueCard = (issue: CopyIssue) => {
    const decision = decisions[issue.courseId] ?? { use: issue.use };
    return (
      <Card
        key={issue.courseId}
        size="small"
        style={{ marginBottom: 8 }}
        data-testid={`copy-issue-${issue.code}`}
        title={
          <Space wrap size={6}>
            <span>
              {issue.code} {courseName(issue)}
            </span>
            <Typography.Text type="secondary">{t('builder.creditsShort', { credits: issue.credits })}</Typography.Text>
            {issue.kind === 'retired' ? (
              <Tag color="red">{t('builder.copyDialog.retired')}</Tag>
            ) : (
              <Tag color="orange">{t('builder.copyDialog.newVersion', { from: issue.fromVersion, to: issue.toVersion })}</Tag>
            )}
          </Space>
        }
      >
        {issue.changes.map((change) => (
          <FieldChange key={change.field} field={change.field} from={change.from} to={change.to} groupName={groupShortName} />
        ))}
        <Radio.Group
          style={{ marginTop: issue.changes.length > 0 ? 8 : 0 }}
          value={decision.use}
          onChange={(event) =>
            decide(issue.courseId, {
              use: event.target.value,
              replacementId: event.target.value === 'replace' ? (issue.suggestedReplacementId ?? undefined) : undefined,
            })
          }
          data-testid={`copy-use-${issue.code}`}
          options={issue.uses.map((use) => ({
            value: use,
            label: t(`builder.copyDialog.use.${use}`, { from: issue.fromVersion, to: issue.toVersion }),
            disabled: use === 'replace' && issue.replacements.length === 0,
          }))}
        />
        {decision.use === 'replace' && (
          <Select
            style={{ width: '100%', marginTop: 8 }}
            value={decision.replacementId}
            placeholder={t('builder.copyDialog.pickReplacement')}
            onChange={(replacementId: number) => decide(issue.courseId, { use: 'replace', replacementId })}
            data-testid={`copy-replacement-${issue.code}`}
            options={issue.replacements.map((candidate) => ({
              value: candidate.courseId,
              label: `${candidate.code} ${courseName(candidate)}${paren(t('builder.creditsShort', { credits: candidate.credits }))}${
                candidate.courseId === issue.suggestedReplacementId ? ` · ${t('builder.copyDialog.suggested')}` : ''
              }`,
            }))}
          />
        )}
        {issue.kind === 'retired' && issue.replacements.length === 0 && (
          <Typography.Text type="secondary">{t('builder.copyDialog.noReplacement')}</Typography.Text>
        )}
      </Card>
    );
  };

  return (
    <Modal
      open
      width={preview ? 720 : 520}
      title={t('programmes.copyTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        preview
          ? [
              <Button key="back" onClick={() => setPreview(null)} data-testid="copy-back">
                {t('builder.copyDialog.back')}
              </Button>,
              <Button
                key="copy"
                type="primary"
                loading={busy}
                disabled={preview.exists || Boolean(incomplete)}
                onClick={() => void copy()}
                data-testid="copy-ok"
              >
                {t('builder.copyDialog.copy')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="check"
                type="primary"
                loading={busy}
                onClick={() => void check().catch(() => undefined)}
                data-testid="copy-check"
              >
                {t('builder.copyDialog.check')}
              </Button>,
            ]
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="copy-error" />}
      <div style={{ display: preview ? 'none' : undefined }}>
        <Form form={form} layout="vertical" initialValues={{ cohortYear: programme.cohortYear + 1, majorId: programme.majorId }}>
          <Form.Item name="majorId" label={t('programmes.major')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={majorOptions} />
          </Form.Item>
          <Form.Item name="cohortYear" label={t('programmes.cohortYear')} rules={[{ required: true }]}>
            <InputNumber min={1990} max={2100} style={{ width: '100%' }} data-testid="copy-cohort" />
          </Form.Item>
        </Form>
      </div>
      {preview && (
        <div data-testid="copy-preview">
          <Typography.Paragraph strong>{t('builder.copyDialog.target', { name: preview.name })}</Typography.Paragraph>
          {preview.exists && (
            <Alert type="error" showIcon title={t('builder.copyDialog.exists', { name: preview.name })} style={{ marginBottom: 12 }} />
          )}
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={preview.creditsAfter === preview.creditsBefore ? 'default' : 'gold'} data-testid="copy-credits">
              {t('builder.copyDialog.credits', { before: preview.creditsBefore, after: preview.creditsAfter })}
            </Tag>
            <Typography.Text type="secondary">{t('builder.copyDialog.carried', { count: preview.carried })}</Typography.Text>
          </Space>
          <Typography.Paragraph>
            {preview.issues.length === 0 ? t('builder.copyDialog.none') : t('builder.copyDialog.decide', { count: preview.issues.length })}
          </Typography.Paragraph>
          {preview.issues.map(issueCard)}
          {preview.passed ? (
            <Alert type="success" showIcon title={t('builder.copyDialog.passed')} data-testid="copy-rules" />
          ) : (
            <Alert
              type="warning"
              showIcon
              data-testid="copy-rules"
              title={t('builder.copyDialog.failures', { count: preview.failures.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {preview.failures.map((failure) => (
                    <li key={failure.rule}>{failure.message}</li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
      )}
    </Modal>
  );
}
