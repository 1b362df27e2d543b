import { useEffect, useMemo, useState } from 'react';
import { Alert, Col, DatePicker, Form, Grid, Input, Modal, Radio, Row, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  creditbankApi,
  type CertificateLevel,
  type ClaimCheck,
  type ClaimInput,
  type IntendedUse,
  type Outcome,
  type Prize,
} from '../../api.ts';
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

/** Claims that hold a certificate at a level (one certificate at one level): live or granted. */
const holdsPlace = (claim: Outcome) => claim.kind === 'certificate' && ['submitted', 'verified', 'granted'].includes(claim.status);

/**
 * The claim form (提交学分认定申请): a certificate (its level, number, issue date, credit or a mapped
 * course's exemption) or a competition award, with evidence. As the student picks a certificate and
 * level (and types its number) the server is asked whether the claim would be the same outcome as one
 * on record (one certificate at one level); if so its words show at once and the form does not submit.
 * The server's refusal is shown as it says it.
 */
export function ClaimForm({
  open,
  catalogue,
  courseLabel,
  claims = [],
  onClose,
  onSubmitted,
}: {
  open: boolean;
  catalogue: Catalogue;
  /** The name of a course by id, where the user may read the course pool. */
  courseLabel: (courseId: number) => string;
  /** The student's claims, to mark the levels they already claimed. */
  claims?: Outcome[];
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
  const certificateNo = Form.useWatch('certificateNo', form);
  // A gutter's negative margins would push a phone's narrow dialog wider than the screen; there the fields stack.
  const gutter = Grid.useBreakpoint().sm ? 16 : 0;
  const certificate = catalogue.certificate(certificateId);
  const [evidenceFileIds, setEvidenceFileIds] = useState<string[]>([]);

  // The live check: keyed on what it asked, so an answer to an earlier choice is never shown for a later one.
  const checkKey =
    open && kind === 'certificate' && certificateId && level ? `${certificateId}|${level}|${(certificateNo ?? '').trim()}` : null;
  const [check, setCheck] = useState<{ key: string; result: ClaimCheck } | null>(null);
  useEffect(() => {
    if (!checkKey) return;
    const [id, chosenLevel, number] = checkKey.split('|');
    let cancelled = false;
    // Picking a certificate or level asks at once; typing a number waits for a pause.
    const timer = setTimeout(
      () => {
        creditbankApi
          .checkClaim({ certificateId: Number(id), level: chosenLevel as CertificateLevel, certificateNo: number || undefined })
          .then((result) => {
            if (!cancelled) setCheck({ key: checkKey, result });
          })
          .catch(() => undefined);
      },
      number ? 350 : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [checkKey]);
  const duplicate = check && check.key === checkKey && check.result.duplicate ? check.result : null;
  const heldLevels = useMemo(
    () =>
      new Map(
        claims
          .filter((claim) => holdsPlace(claim) && claim.certificateId === certificateId && claim.level)
          .map((claim) => [claim.level!, claim.status]),
      ),
    [claims, certificateId],
  );

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
    if (duplicate) return;
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
      okButtonProps={{ 'data-testid': 'claim-submit', disabled: Boolean(duplicate) } as never}
      // A tap beside the dialog (easy on a phone) does not throw away a half-filled claim and its uploads.
      mask={{ closable: false }}
      destroyOnHidden
    >
      {sending.error && <Alert type="error" showIcon title={sending.error} style={{ marginBottom: 16 }} data-testid="claim-error" />}
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          title={t(`creditbank.claimForm.duplicate.${duplicate.reason ?? 'same_certificate_level'}`)}
          description={duplicate.message}
          style={{ marginBottom: 16 }}
          data-testid="claim-duplicate"
          data-reason={duplicate.reason}
        />
      )}
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
            <Row gutter={gutter}>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="level"
                  label={t('creditbank.level.title')}
                  rules={[{ required: true, message: t('creditbank.claimForm.pickLevel') }]}
                >
                  <Select
                    data-testid="claim-level"
                    disabled={!certificate}
                    placeholder={t('creditbank.claimForm.pickLevel')}
                    // The chosen level as its name only (the options also show which levels are claimed).
                    labelRender={({ value }) => (value ? t(`creditbank.level.${String(value)}`) : null)}
                    options={(certificate?.levels ?? []).map((value) => ({
                      value,
                      label: (
                        <span data-testid={`level-option-${value}`} data-held={heldLevels.has(value)}>
                          {t(`creditbank.level.${value}`)}
                          {heldLevels.has(value) && (
                            <Tag style={{ marginInlineStart: 8 }} color={heldLevels.get(value) === 'granted' ? 'success' : 'processing'}>
                              {t(`creditbank.claimStatus.${heldLevels.get(value)}`)}
                            </Tag>
                          )}
                        </span>
                      ),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={9}>
                <Form.Item
                  name="certificateNo"
                  label={t('creditbank.certificateNo')}
                  rules={[{ required: true, whitespace: true, message: t('creditbank.claimForm.certificateNoRequired') }, { max: 60 }]}
                >
                  <Input data-testid="claim-certificate-no" maxLength={60} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={7}>
                <Form.Item name="issuedOn" label={t('creditbank.issuedOn')}>
                  <DatePicker
                    data-testid="claim-issued-on"
                    style={{ width: '100%' }}
                    inputReadOnly
                    disabledDate={(date) => date.isAfter(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
            </Row>
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
            <Row gutter={gutter}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="prize"
                  label={t('creditbank.prize.title')}
                  rules={[{ required: true, message: t('creditbank.claimForm.pickPrize') }]}
                >
                  <Select data-testid="claim-prize" options={prizes.map((value) => ({ value, label: t(`creditbank.prize.${value}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="issuedOn" label={t('creditbank.awardedOn')}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
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
