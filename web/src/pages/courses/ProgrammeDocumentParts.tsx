/** The builder's document parts: the text parts of the 人才培养方案 (edited or read), and what a copy did. */
import { Alert, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CopyReport, ProgrammeTexts } from '../../api.ts';

export const textKeys: (keyof ProgrammeTexts)[] = [
  'entryRequirements',
  'studyDuration',
  'objective',
  'quality',
  'knowledge',
  'ability',
  'graduationRequirements',
];
const rowsOf: Record<keyof ProgrammeTexts, number> = {
  entryRequirements: 2,
  studyDuration: 2,
  objective: 4,
  quality: 5,
  knowledge: 5,
  ability: 5,
  graduationRequirements: 5,
};

/** 入学要求 … 毕业要求: text areas in a draft, the text as it will print otherwise. */
export function ProgrammeTextsEditor({
  texts,
  editable,
  onChange,
  graduationCredits,
  electiveCredits,
}: {
  texts: ProgrammeTexts;
  editable: boolean;
  onChange: (next: ProgrammeTexts) => void;
  graduationCredits: number;
  electiveCredits: number;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="programme-texts">
      <Alert type="info" showIcon title={t('builder.texts.hint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        {textKeys.map((key) => (
          <Form.Item
            key={key}
            label={t(`builder.texts.${key}`)}
            htmlFor={`programme-text-${key}`}
            extra={
              key === 'graduationRequirements'
                ? t('builder.texts.graduationNote', { credits: graduationCredits, elective: electiveCredits })
                : undefined
            }
          >
            {editable ? (
              <Input.TextArea
                id={`programme-text-${key}`}
                value={texts[key]}
                onChange={(event) => onChange({ ...texts, [key]: event.target.value })}
                autoSize={{ minRows: rowsOf[key], maxRows: 16 }}
                maxLength={4000}
                placeholder={key === 'quality' || key === 'knowledge' || key === 'ability' ? t('builder.texts.placeholder') : undefined}
                data-testid={`text-${key}`}
              />
            ) : (
              <Typography.Paragraph
                data-testid={`text-${key}`}
                type={texts[key].trim() === '' ? 'secondary' : undefined}
                style={{ whiteSpace: 'pre-line', marginBottom: 0 }}
              >
                {texts[key].trim() === '' ? t('builder.texts.empty') : texts[key]}
              </Typography.Paragraph>
            )}
          </Form.Item>
        ))}
      </Form>
    </div>
  );
}

/** On a copy: the credits before and after, and each course that was not copied as it was. */
export function CopyReportAlert({ report }: { report: CopyReport }) {
  const { t, i18n } = useTranslation();
  const line = (entry: CopyReport['entries'][number]) => {
    const common = { code: entry.code, name: entry.name, credits: entry.credits, from: entry.fromVersion, to: entry.toVersion };
    if (entry.use === 'replace' && entry.replacement)
      return t('builder.copyReport.replace', {
        ...common,
        replacementCode: entry.replacement.code,
        replacementName: entry.replacement.name,
        replacementCredits: entry.replacement.credits,
      });
    return t(`builder.copyReport.${entry.use}`, common);
  };
  return (
    <Alert
      type={report.entries.some((entry) => entry.use === 'drop') ? 'warning' : 'info'}
      showIcon
      data-testid="copy-report"
      style={{ marginBottom: 12 }}
      title={t('builder.copyReport.title', { source: report.sourceName, before: report.creditsBefore, after: report.creditsAfter })}
      description={
        report.entries.length === 0 ? (
          t('builder.copyReport.allCopied')
        ) : (
          <>
            {t('builder.copyReport.intro')}
            <ul style={{ margin: 0, paddingInlineStart: 18 }} lang={i18n.language}>
              {report.entries.map((entry) => (
                <li key={entry.code} data-testid={`copy-report-${entry.code}`}>
                  {line(entry)}
                </li>
              ))}
            </ul>
          </>
        )
      }
    />
  );
}

/** A course field's value in words: a term, required/elective, a version, a layer, a group, a list of codes. */
export function fieldValueText(
  field: string,
  value: string | number | boolean | string[] | null | undefined,
  t: (key: string, options?: Record<string, unknown>) => string,
  groupName: (id: number | null | undefined) => string | null,
): string {
  if (value === null || value === undefined || value === '') return field === 'ownerGroupId' ? t('courses.clusterShared') : '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(t('builder.listSeparator'));
  if (field === 'termNo') return t('builder.termN', { term: value });
  if (field === 'isElective') return value ? t('builder.elective') : t('builder.required');
  if (field === 'versionNo') return `v${value}`;
  if (field === 'layer') return t(`layer.${String(value)}`);
  if (field === 'moduleType') return t(`moduleType.${String(value)}`);
  if (field === 'assessment') return t(`assessment.${String(value)}`);
  if (field === 'ownerGroupId') return groupName(Number(value)) ?? String(value);
  return String(value);
}

/** “理论学时 64 → 56”: a changed field, old value struck through, new value strong. */
export function FieldChange({
  field,
  from,
  to,
  groupName,
}: {
  field: string;
  from: string | number | boolean | string[] | null;
  to: string | number | boolean | string[] | null;
  groupName: (id: number | null | undefined) => string | null;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={`change-${field}`}>
      <Typography.Text type="secondary">{t(`courseField.${field}`, { defaultValue: field })}</Typography.Text>{' '}
      <Typography.Text delete type="secondary">
        {fieldValueText(field, from, t, groupName)}
      </Typography.Text>
      {' → '}
      <Typography.Text strong>{fieldValueText(field, to, t, groupName)}</Typography.Text>
    </div>
  );
}
