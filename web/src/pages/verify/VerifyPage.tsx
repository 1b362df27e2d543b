import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Result, Space, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { errorMessage } from '../../api.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { credentialsApi, matchIdentity, parseCredential, type CredentialVerification } from './credentials.ts';
import { TranscriptCheck } from './TranscriptCheck.tsx';

const achievementTypes = ['Certificate', 'Certification', 'Award', 'Course'] as const;
const maxFileBytes = 1024 * 1024;

/** The public page where anyone checks a verifiable transcript: paste or upload its JSON, see each check. */
export default function VerifyPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [credential, setCredential] = useState<Record<string, unknown> | null>(null);
  const [result, setResult] = useState<CredentialVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  // A printed transcript's QR code opens /verify?transcript=<token>: its credentials are checked first.
  const [search] = useSearchParams();
  const transcriptToken = search.get('transcript');

  const verify = async (input: string) => {
    setResult(null);
    setError(null);
    const parsed = parseCredential(input);
    if (!parsed) {
      setError(t('verify.notJson'));
      return;
    }
    setChecking(true);
    try {
      setCredential(parsed);
      setResult(await credentialsApi.verify(parsed));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setChecking(false);
    }
  };

  const readFile = async (file: File) => {
    if (file.size > maxFileBytes) {
      setError(t('verify.fileTooLarge'));
      return;
    }
    const content = await file.text();
    setText(content);
    await verify(content);
  };

  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(135deg, #e8f0fa 0%, #f5f7fa 60%)', padding: '24px 16px' }}>
      <div style={{ maxWidth: 920, margin: '0 auto' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
          <Space>
            <SafetyCertificateOutlined style={{ fontSize: 28, color: '#1f5fa8' }} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('verify.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
            </div>
          </Space>
          <Space>
            <Link to="/login">{t('verify.toLogin')}</Link>
            <LanguageSwitch />
          </Space>
        </Space>
        {transcriptToken && <TranscriptCheck token={transcriptToken} />}
        <Card>
          <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
          <Upload.Dragger
            accept=".json,application/json,application/ld+json"
            showUploadList={false}
            multiple={false}
            data-testid="verify-upload"
            beforeUpload={(file) => {
              void readFile(file as unknown as File);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('verify.upload')}</p>
          </Upload.Dragger>
          <Input.TextArea
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={8}
            placeholder={t('verify.paste')}
            style={{ marginTop: 16, fontFamily: 'monospace', fontSize: 12 }}
            data-testid="verify-input"
          />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => void verify(text)} loading={checking} disabled={!text.trim()} data-testid="verify-submit">
              {t('verify.submit')}
            </Button>
            <Button
              onClick={() => {
                setText('');
                setResult(null);
                setError(null);
                setCredential(null);
              }}
            >
              {t('verify.clear')}
            </Button>
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="verify-error" />}
        </Card>
        {result && credential && <VerificationResult result={result} credential={credential} />}
      </div>
    </div>
  );
}

export function VerificationResult({ result, credential }: { result: CredentialVerification; credential: Record<string, unknown> }) {
  const { t } = useTranslation();
  const status = result.verified ? 'success' : result.revoked ? 'warning' : 'error';
  const title = result.verified ? t('verify.valid') : result.revoked ? t('verify.revoked') : t('verify.invalid');
  const { achievement, issuer } = result;
  const type = achievementTypes.find((known) => known === achievement.achievementType);
  const when = (value: string | null) => (value && dayjs(value).isValid() ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');
  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="verify-result"
      data-verified={String(result.verified)}
      data-revoked={String(result.revoked)}
    >
      <Result
        status={status}
        title={title}
        subTitle={[achievement.name, issuer.name].filter(Boolean).join(' · ')}
        style={{ padding: '8px 0 24px' }}
      />
      <Descriptions bordered column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('verify.achievement')} span={2}>
          {achievement.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.type')}>
          {type ? t(`verify.types.${type}`) : (achievement.achievementType ?? '—')}
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.credits')}>
          {achievement.creditsEarned ?? achievement.creditsAvailable ?? '—'}
        </Descriptions.Item>
        {achievement.result.length > 0 && <Descriptions.Item label={t('verify.result')}>{achievement.result.join('、')}</Descriptions.Item>}
        {achievement.humanCode && <Descriptions.Item label={t('verify.code')}>{achievement.humanCode}</Descriptions.Item>}
        <Descriptions.Item label={t('verify.issuer')} span={2}>
          {issuer.name ?? issuer.id}{' '}
          {issuer.known ? <Tag color="blue">{t('verify.knownIssuer')}</Tag> : <Tag>{t('verify.unknownIssuer')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.awardedDate')}>{when(result.credential.awardedDate)}</Descriptions.Item>
        <Descriptions.Item label={t('verify.validFrom')}>{when(result.credential.validFrom)}</Descriptions.Item>
        {achievement.description && (
          <Descriptions.Item label={t('verify.description')} span={2}>
            {achievement.description}
          </Descriptions.Item>
        )}
        {achievement.criteria && (
          <Descriptions.Item label={t('verify.criteria')} span={2}>
            {achievement.criteria}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('verify.credentialId')} span={2}>
          <Typography.Text copyable style={{ fontSize: 12 }}>
            {result.credential.id ?? '—'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('verify.checksTitle')}
      </Typography.Title>
      <div>
        {result.checks.map((check) => (
          <div
            key={check.check}
            data-testid={`verify-check-${check.check}`}
            data-ok={String(check.ok)}
            style={{ display: 'flex', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            {check.ok ? (
              <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} />
            ) : (
              <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} />
            )}
            <span>{check.message}</span>
          </div>
        ))}
      </div>
      <HolderCheck credential={credential} />
    </Card>
  );
}

/** Compares a 学号 or name the holder gives with the credential's salted hashes, in the browser. */
function HolderCheck({ credential }: { credential: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<'match' | 'no_match' | 'unavailable' | null>(null);
  return (
    <div style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('verify.holderTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('verify.holderHint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
        <Input
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setOutcome(null);
          }}
          placeholder={t('verify.holderPlaceholder')}
          data-testid="verify-holder-input"
        />
        <Button
          onClick={() => void matchIdentity(credential, value).then(setOutcome)}
          disabled={!value.trim()}
          data-testid="verify-holder-submit"
        >
          {t('verify.holderSubmit')}
        </Button>
      </Space.Compact>
      {outcome && (
        <Alert
          style={{ marginTop: 12, maxWidth: 480 }}
          showIcon
          data-testid="verify-holder-result"
          type={outcome === 'match' ? 'success' : outcome === 'no_match' ? 'error' : 'info'}
          title={t(`verify.holder.${outcome}`)}
        />
      )}
    </div>
  );
}
