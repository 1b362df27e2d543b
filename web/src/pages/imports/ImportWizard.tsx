import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Radio, Result, Row, Space, Spin, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  ExportOutlined,
  InboxOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  api,
  downloads,
  errorMessage,
  type CommitResult,
  type ImportBatch,
  type ImportColumn,
  type ImportEntity,
  type ImportRowError,
} from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { ProvisionAccounts } from '../../components/ProvisionAccounts.tsx';
import { ImportChangesTable } from './ImportChangesTable.tsx';
import { pick } from '../../i18n/index.ts';

type Step = 0 | 1 | 2 | 3;

/** The rosters whose people get accounts: after their import the wizard offers to open them. */
const rosterKinds: Record<string, 'student' | 'teacher'> = { students: 'student', teachers: 'teacher' };

export default function ImportWizard() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate();
  // `?entity=majors` opens the wizard on that import (the workbench's setup steps link here).
  const [searchParams] = useSearchParams();
  const [entities, setEntities] = useState<ImportEntity[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(searchParams.get('entity'));
  const [step, setStep] = useState<Step>(0);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);

  useEffect(() => {
    const asked = searchParams.get('entity');
    if (asked) {
      setEntity(asked);
      setStep(0);
    }
  }, [searchParams]);

  useEffect(() => {
    api
      .importEntities()
      .then(setEntities)
      .catch((caught) => setLoadError(errorMessage(caught)));
  }, []);

  const definition = entities?.find((candidate) => candidate.entity === entity) ?? null;

  const upload = async (file: File) => {
    if (!entity) return;
    setUploadError(null);
    setCommitError(null);
    if (!/\.xlsx$/i.test(file.name)) {
      setUploadError(t('imports.notXlsx'));
      return;
    }
    setUploading(true);
    try {
      const preview = await api.previewImport(entity, file);
      setBatch(preview);
      setStep(2);
    } catch (caught) {
      setUploadError(errorMessage(caught));
    } finally {
      setUploading(false);
    }
  };

  const commit = async () => {
    if (!batch) return;
    setCommitting(true);
    setCommitError(null);
    try {
      setResult(await api.commitImport(batch.id));
      setStep(3);
    } catch (caught) {
      setCommitError(errorMessage(caught));
    } finally {
      setCommitting(false);
    }
  };

  const restart = () => {
    setBatch(null);
    setResult(null);
    setUploadError(null);
    setCommitError(null);
    setStep(0);
  };

  const uploadProps = {
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    showUploadList: false,
    disabled: uploading,
    beforeUpload: (file: File) => {
      void upload(file);
      return false;
    },
  };

  if (loadError)
    return (
      <PageCard title={t('imports.title')}>
        <Alert type="error" showIcon title={loadError} />
      </PageCard>
    );
  if (!entities)
    return (
      <PageCard title={t('imports.title')}>
        <Spin />
      </PageCard>
    );

  const hasErrors = Boolean(batch && (batch.errors.length > 0 || batch.summary.invalid > 0));

  return (
    <PageCard
      title={t('imports.title')}
      extra={
        definition && (
          <Button icon={<ExportOutlined />} href={downloads.export(definition.entity)} data-testid="export-current">
            {t('imports.exportCurrent')}
          </Button>
        )
      }
    >
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('imports.stepChoose') },
          { title: t('imports.stepUpload') },
          { title: t('imports.stepPreview') },
          { title: t('imports.stepDone') },
        ]}
      />

      {step === 0 && (
        <div data-testid="import-step-choose">
          <Typography.Paragraph strong>{t('imports.chooseEntity')}</Typography.Paragraph>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={entity}
            onChange={(event) => setEntity(event.target.value as string)}
            options={entities.map((candidate) => ({
              value: candidate.entity,
              label: <span data-testid={`entity-${candidate.entity}`}>{pick(candidate.title, language)}</span>,
            }))}
          />
          {definition && (
            <Card
              size="small"
              style={{ marginTop: 16 }}
              title={`${t('imports.columns')} · ${pick(definition.title, language)}`}
              extra={
                <Typography.Text type="secondary">
                  {t('imports.keyColumn')}：
                  {pick(definition.columns.find((c) => c.key === definition.keyColumn)?.header, language) || definition.keyColumn}
                </Typography.Text>
              }
            >
              <Table<ImportColumn>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={definition.columns}
                columns={[
                  { title: t('imports.column'), key: 'header', render: (_, column) => pick(column.header, language) },
                  {
                    title: t('imports.required'),
                    dataIndex: 'required',
                    width: 90,
                    render: (required: boolean) => (required ? <Tag color="red">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
                  },
                  { title: t('imports.example'), dataIndex: 'example' },
                ]}
              />
            </Card>
          )}
          <Space style={{ marginTop: 16 }}>
            <Button
              icon={<DownloadOutlined />}
              disabled={!definition}
              href={definition ? downloads.template(definition.entity) : undefined}
              data-testid="download-template"
            >
              {t('imports.downloadTemplate')}
            </Button>
            <Button type="primary" disabled={!definition} onClick={() => setStep(1)} data-testid="import-next">
              {t('imports.next')}
            </Button>
          </Space>
        </div>
      )}

      {step === 1 && definition && (
        <div data-testid="import-step-upload">
          <Spin spinning={uploading} description={t('imports.uploading')}>
            <Upload.Dragger {...uploadProps} data-testid="import-upload">
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.uploadHint')}</p>
              <p className="ant-upload-hint">{t('imports.uploadSubHint')}</p>
            </Upload.Dragger>
          </Spin>
          {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginTop: 16 }} data-testid="upload-error" />}
          <Space style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)}>{t('imports.back')}</Button>
            <Button icon={<DownloadOutlined />} href={downloads.template(definition.entity)}>
              {t('imports.downloadTemplate')}
            </Button>
          </Space>
        </div>
      )}

      {step === 2 && batch && (
        <div data-testid="import-step-preview">
          <Typography.Paragraph type="secondary">
            {t('imports.fileName')}：{batch.fileName}
          </Typography.Paragraph>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-summary">
            <Col xs={8} md={4}>
              <Statistic title={t('imports.summaryTotal')} value={batch.summary.total} />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title={t('imports.summaryValid')} value={batch.summary.valid} />
            </Col>
            <Col xs={8} md={4}>
              <Statistic
                title={t('imports.summaryInvalid')}
                value={batch.summary.invalid}
                valueStyle={batch.summary.invalid ? { color: '#cf1322' } : undefined}
              />
            </Col>
            <Col xs={8} md={4}>
              <div data-testid="summary-create">
                <Statistic title={t('imports.summaryCreate')} value={batch.summary.create} />
              </div>
            </Col>
            <Col xs={8} md={4}>
              <div data-testid="summary-update">
                <Statistic title={t('imports.summaryUpdate')} value={batch.summary.update} />
              </div>
            </Col>
            <Col xs={8} md={4}>
              <div data-testid="summary-unchanged">
                <Statistic title={t('imports.summaryUnchanged')} value={batch.summary.unchanged} />
              </div>
            </Col>
            {batch.summary.notes?.map((note) => (
              <Col xs={12} md={6} key={note.key}>
                <div data-testid={`summary-note-${note.key}`}>
                  <Statistic title={pick(note.label, language)} value={note.count} />
                </div>
              </Col>
            ))}
          </Row>
          {definition && batch.summary.columns && (
            <Typography.Paragraph data-testid="import-columns-carried">
              {t('imports.columnsCarried')}：
              {batch.summary.columns
                .map((key) => pick(definition.columns.find((column) => column.key === key)?.header, language) || key)
                .join(language === 'en' ? ', ' : '、')}
            </Typography.Paragraph>
          )}
          {batch.summary.ignoredHeaders && batch.summary.ignoredHeaders.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="import-ignored-headers"
              title={t('imports.ignoredHeaders', { headers: batch.summary.ignoredHeaders.join(language === 'en' ? ', ' : '、') })}
              style={{ marginBottom: 16 }}
            />
          )}
          {hasErrors ? (
            <Alert
              type="error"
              showIcon
              data-testid="preview-has-errors"
              title={t('imports.hasErrors', { count: batch.errors.length || batch.summary.invalid })}
              action={
                <Button size="small" icon={<DownloadOutlined />} href={downloads.errors(batch.id)} data-testid="download-errors">
                  {t('imports.downloadErrors')}
                </Button>
              }
              style={{ marginBottom: 16 }}
            />
          ) : (
            <Alert type="success" showIcon title={t('imports.noErrors')} style={{ marginBottom: 16 }} data-testid="preview-ok" />
          )}
          {hasErrors && (
            <>
              <Typography.Title level={5}>{t('imports.errors')}</Typography.Title>
              <Table<ImportRowError>
                size="small"
                data-testid="import-errors"
                rowKey={(row, index) => `${row.row}-${row.column ?? ''}-${index}`}
                dataSource={batch.errors}
                pagination={batch.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                columns={[
                  { title: t('imports.errorRow'), dataIndex: 'row', width: 90 },
                  { title: t('imports.errorColumn'), key: 'column', width: 180, render: (_, row) => row.columnLabel ?? row.column ?? '—' },
                  { title: t('imports.errorReason'), dataIndex: 'reason' },
                ]}
                style={{ marginBottom: 16 }}
              />
            </>
          )}
          {!hasErrors && (batch.summary.changedRows ?? 0) > 0 && (
            <ImportChangesTable batchId={batch.id} total={batch.summary.changedRows!} />
          )}
          {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 16 }} data-testid="upload-error" />}
          {commitError && <Alert type="error" showIcon title={commitError} style={{ marginBottom: 16 }} data-testid="commit-error" />}
          <Space wrap>
            <Button onClick={restart}>{t('imports.back')}</Button>
            <Upload {...uploadProps}>
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="reupload">
                {t('imports.reupload')}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={hasErrors || batch.summary.total === 0}
              loading={committing}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {t('imports.commit')}
            </Button>
          </Space>
        </div>
      )}

      {step === 3 && result && (
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          data-testid="import-result"
          title={t('imports.resultTitle')}
          subTitle={
            <span data-testid="import-result-counts">
              {t('imports.resultSub', {
                create: result.summary.create ?? 0,
                update: result.summary.update ?? 0,
                unchanged: result.summary.unchanged ?? 0,
              })}
            </span>
          }
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              <Button type="primary" onClick={restart} data-testid="import-again">
                {t('imports.again')}
              </Button>
              <Button onClick={() => navigate('/')} data-testid="import-to-workbench">
                {t('imports.toWorkbench')}
              </Button>
            </Space>
          }
        >
          {rosterKinds[result.entity] && (
            <ProvisionAccounts
              key={result.id}
              kinds={[rosterKinds[result.entity]!]}
              label={t(`imports.provision.${rosterKinds[result.entity]}`)}
              hint={t(`imports.provisionHint.${rosterKinds[result.entity]}`)}
              testId="import-provision"
            />
          )}
        </Result>
      )}
      {step !== 0 && !definition && <Empty />}
    </PageCard>
  );
}
