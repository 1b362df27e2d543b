import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { creditbankApi, type CertificateLevel, type ClaimInput, type IntendedUse, type Prize } from '../../api.ts';
import { certificateName, levelRank, prizes, type Catalogue } from './shared.tsx';
import { useAsyncAction } from '../../lib/hooks.ts';
import { AttachmentUpload } from '../../components/Attachments.tsx';

interface FormValues {
  kind: 'certificate' | 'competition';
  certificateId?: number;
  level?: CertificateLevel;
  certificateNo?: string;
  issuedOn?: Dayjs | null;
  intendedUse?: IntendedUse;
  exemptCourseId?: number;
  competitionId?: number;
  prize?: Prize;
  note?: string;
  links?: string[];
}

const isUrl = (text: string) => /^https?:\/\/\S+$/i.test(text);

/**
 * The claim form (提交学分认定申请): a certificate (its level, number, issue date, credit or a mapped
 * course's exemption) or a competition award, with evidence. The server's refusal is shown as it says it.
 */
export function ClaimForm({
  open,
  catalogue,
  courseLabel,
  onClose,
  onSubmitted,
}: {
  open: boolean;
  catalogue: Catalogue;
  /** The name of a course by id, where the user may read the course pool. */
  courseLabel: (courseId: number) => string;
  onClose: () => void;
  onSubmitted: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const sending = useAsyncAction();
  const { clear } = sending;
  const kind = Form.useWatch('kind', form) ?? 'certificate';
  const certificateId = Form.useWatch('certificateId', form);
  const level = Form.useWatch('level', form);
  const intendedUse = Form.useWatch('intendedUse', form) ?? 'credit';
  const certificate = catalogue.certificate(certificateId);
  const [evidenceFileIds, setEvidenceFileIds] = useState<string[]>([]);

  useEffect(() => {
    if (open) {
      form.resetFields();
      clear();
      setEvidenceFileIds([]);
    }
  }, [open, form, clear]);

  // Courses this certificate can exempt at the chosen level (its 证书-课程 mappings).
  const exemptable = useMemo(
    () => (certificate?.mappings ?? []).filter((mapping) => !level || levelRank(level) >= levelRank(mapping.minLevel)),
    [certificate, level],
  );

  const submit = async () => {
    const values = await form.validateFields();
    const evidence = { note: values.note?.trim() || undefined, links: values.links?.length ? values.links : undefined };
    const issuedOn = values.issuedOn ? values.issuedOn.format('YYYY-MM-DD') : null;
    const body: ClaimInput =
      values.kind === 'certificate'
        ? {
            kind: 'certificate',
            certificateId: values.certificateId!,
            level: values.level!,
            certificateNo: values.certificateNo!.trim(),
            issuedOn,
            intendedUse: values.intendedUse ?? 'credit',
            exemptCourseId: values.intendedUse === 'exemption' ? (values.exemptCourseId ?? null) : null,
            evidence,
            evidenceFileIds,
          }
        : { kind: 'competition', competitionId: values.competitionId!, prize: values.prize!, issuedOn, evidence, evidenceFileIds };
    // The server's refusal (a duplicate certificate number, a level the certificate does not have, …) is shown as it says it.
    if (await sending.run(() => creditbankApi.submitClaim(body))) onSubmitted();
  };

  return (
    <Modal
      open={open}
      title={t('creditbank.claimForm.title')}
      width={640}
      onCancel={onClose}
      onOk={() => {
        void submit().catch(() => undefined);
      }}
      okText={t('creditbank.claimForm.submit')}
      confirmLoading={sending.busy}
      okButtonProps={{ 'data-testid': 'claim-submit' } as never}
      destroyOnHidden
    >
      {sending.error && <Alert type="error" showIcon title={sending.error} style={{ marginBottom: 16 }} data-testid="claim-error" />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'certificate', intendedUse: 'credit' }} data-testid="claim-form">
        <Form.Item name="kind" label={t('creditbank.claimForm.kind')}>
          <Radio.Group data-testid="claim-kind" optionType="button" buttonStyle="solid" onChange={clear}>
            <Radio.Button value="certificate" data-testid="claim-kind-certificate">
              {t('creditbank.outcomeKind.certificate')}
            </Radio.Button>
            <Radio.Button value="competition" data-testid="claim-kind-competition">
              {t('creditbank.outcomeKind.competition')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind === 'certificate' ? (
          <>
            <Form.Item
              name="certificateId"
              label={t('creditbank.certificate')}
              rules={[{ required: true, message: t('creditbank.claimForm.pickCertificate') }]}
            >
              <Select
                data-testid="claim-certificate"
                showSearch={{ optionFilterProp: 'search' }}
                placeholder={t('creditbank.claimForm.pickCertificate')}
                onChange={() => form.setFieldsValue({ level: undefined, exemptCourseId: undefined })}
                options={catalogue.certificates
                  .filter((row) => row.status === 'active')
                  .map((row) => ({
                    value: row.id,
                    search: `${row.code} ${row.name} ${row.nameEn ?? ''} ${row.issuer}`,
                    label: (
                      <span data-testid={`certificate-option-${row.code}`}>
                        {certificateName(row, i18n.language)}{' '}
                        <Typography.Text type="secondary">
                          {row.code} · {row.issuer}
                        </Typography.Text>
                      </span>
                    ),
                  }))}
              />
            </Form.Item>
            <Space size="middle" wrap style={{ width: '100%' }} align="start">
              <Form.Item
                name="level"
                label={t('creditbank.level.title')}
                rules={[{ required: true, message: t('creditbank.claimForm.pickLevel') }]}
                style={{ minWidth: 160 }}
              >
                <Select
                  data-testid="claim-level"
                  disabled={!certificate}
                  placeholder={t('creditbank.claimForm.pickLevel')}
                  options={(certificate?.levels ?? []).map((value) => ({
                    value,
                    label: <span data-testid={`level-option-${value}`}>{t(`creditbank.level.${value}`)}</span>,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="certificateNo"
                label={t('creditbank.certificateNo')}
                rules={[{ required: true, whitespace: true, message: t('creditbank.claimForm.certificateNoRequired') }, { max: 60 }]}
                style={{ minWidth: 220 }}
              >
                <Input data-testid="claim-certificate-no" maxLength={60} />
              </Form.Item>
              <Form.Item name="issuedOn" label={t('creditbank.issuedOn')}>
                <DatePicker data-testid="claim-issued-on" disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Space>
            <Form.Item
              name="intendedUse"
              label={t('creditbank.claimForm.use')}
              extra={intendedUse === 'exemption' ? t('creditbank.claimForm.exemptionHint') : t('creditbank.claimForm.creditHint')}
            >
              <Radio.Group data-testid="claim-use">
                <Radio value="credit">{t('creditbank.use.credit')}</Radio>
                <Radio value="exemption" disabled={!certificate || certificate.mappings.length === 0}>
                  {t('creditbank.use.exemption')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {intendedUse === 'exemption' && (
              <Form.Item
                name="exemptCourseId"
                label={t('creditbank.claimForm.exemptCourse')}
                rules={[{ required: true, message: t('creditbank.claimForm.pickCourse') }]}
                extra={exemptable.length === 0 ? t('creditbank.claimForm.noMappedCourse') : undefined}
              >
                <Select
                  data-testid="claim-exempt-course"
                  placeholder={t('creditbank.claimForm.pickCourse')}
                  options={exemptable.map((mapping) => ({
                    value: mapping.courseId,
                    label: (
                      <>
                        {courseLabel(mapping.courseId)}{' '}
                        <Tag>{t('creditbank.minLevelShort', { level: t(`creditbank.level.${mapping.minLevel}`) })}</Tag>
                      </>
                    ),
                  }))}
                />
              </Form.Item>
            )}
          </>
        ) : (
          <>
            <Form.Item
              name="competitionId"
              label={t('creditbank.competition')}
              rules={[{ required: true, message: t('creditbank.claimForm.pickCompetition') }]}
            >
              <Select
                data-testid="claim-competition"
                showSearch={{ optionFilterProp: 'search' }}
                placeholder={t('creditbank.claimForm.pickCompetition')}
                options={catalogue.competitions
                  .filter((row) => row.status === 'active')
                  .map((row) => ({
                    value: row.id,
                    search: `${row.code} ${row.name}`,
                    label: (
                      <span>
                        {row.name} <Tag>{t(`creditbank.competitionLevel.${row.level}`)}</Tag>
                      </span>
                    ),
                  }))}
              />
            </Form.Item>
            <Space size="middle" wrap align="start">
              <Form.Item
                name="prize"
                label={t('creditbank.prize.title')}
                rules={[{ required: true, message: t('creditbank.claimForm.pickPrize') }]}
                style={{ minWidth: 160 }}
              >
                <Select data-testid="claim-prize" options={prizes.map((value) => ({ value, label: t(`creditbank.prize.${value}`) }))} />
              </Form.Item>
              <Form.Item name="issuedOn" label={t('creditbank.awardedOn')}>
                <DatePicker disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item label={t('creditbank.claimForm.evidenceFiles')} extra={t('creditbank.claimForm.evidenceFilesHint')}>
          {open && (
            <AttachmentUpload
              purpose="creditbank.claim"
              max={5}
              accept="image/*,application/pdf"
              onChange={setEvidenceFileIds}
              testId="claim-evidence-files"
            />
          )}
        </Form.Item>
        <Form.Item name="note" label={t('creditbank.claimForm.evidenceNote')} rules={[{ max: 1000 }]}>
          <Input.TextArea
            data-testid="claim-evidence-note"
            rows={2}
            maxLength={1000}
            showCount
            placeholder={t('creditbank.claimForm.evidenceNoteHint')}
          />
        </Form.Item>
        <Form.Item
          name="links"
          label={t('creditbank.claimForm.evidenceLinks')}
          extra={t('creditbank.claimForm.evidenceLinksHint')}
          rules={[
            {
              validator: async (_rule, value: string[] | undefined) => {
                if ((value ?? []).length > 10) throw new Error(t('creditbank.claimForm.tooManyLinks'));
                const bad = (value ?? []).find((link) => !isUrl(link));
                if (bad) throw new Error(t('creditbank.claimForm.badLink', { link: bad }));
              },
            },
          ]}
        >
          <Select mode="tags" data-testid="claim-evidence-links" tokenSeparators={[' ', ',', '，']} placeholder="https://…" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
