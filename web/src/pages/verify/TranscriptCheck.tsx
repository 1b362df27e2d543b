import { useEffect, useState } from 'react';
import { Alert, Card, Collapse, Result, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { creditbankApi, errorMessage, type PublicTranscript } from '../../api.ts';
import { VerificationResult } from './VerifyPage.tsx';

type Item = PublicTranscript['items'][number];
const verdict = (item: Item) => (item.verification.verified ? 'valid' : item.verification.revoked ? 'revoked' : 'invalid');
const verdictColors = { valid: 'success', revoked: 'warning', invalid: 'error' } as const;

/**
 * A printed credit transcript, checked (what its QR code opens: /verify?transcript=…): every credential
 * printed on it, each with the server's checks (signature, issuer, key, revocation, validity), and the
 * holder check against the 学号 or name on the paper.
 */
export function TranscriptCheck({ token }: { token: string }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<{ token: string; transcript: PublicTranscript } | null>(null);
  const [failure, setFailure] = useState<{ token: string; message: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    creditbankApi.publicTranscript(token).then(
      (transcript) => !cancelled && setAnswer({ token, transcript }),
      (caught: unknown) => !cancelled && setFailure({ token, message: errorMessage(caught) }),
    );
    return () => {
      cancelled = true;
    };
  }, [token]);
  const transcript = answer?.token === token ? answer.transcript : null;
  const failed = failure?.token === token ? failure.message : null;
  if (failed) return <Alert type="error" showIcon title={failed} style={{ marginBottom: 16 }} data-testid="transcript-check-error" />;
  if (!transcript)
    return (
      <Card style={{ marginBottom: 16 }}>
        <Spin /> {t('verify.transcript.checking')}
      </Card>
    );
  const counts = { valid: 0, revoked: 0, invalid: 0 };
  for (const item of transcript.items) counts[verdict(item)] += 1;
  const allValid = counts.valid === transcript.items.length && transcript.items.length > 0;
  return (
    <Card style={{ marginBottom: 16 }} data-testid="transcript-check" data-valid={counts.valid} data-revoked={counts.revoked}>
      <Result
        status={allValid ? 'success' : counts.invalid > 0 ? 'error' : 'warning'}
        title={t('verify.transcript.title')}
        subTitle={
          <>
            <div>
              {transcript.institutionName} ·{' '}
              {t('verify.transcript.printedAt', { at: dayjs(transcript.printedAt).format('YYYY-MM-DD HH:mm') })}
            </div>
            <div data-testid="transcript-check-summary">
              {t('verify.transcript.summary', { total: transcript.items.length, ...counts })}
            </div>
          </>
        }
        style={{ padding: '8px 0 16px' }}
      />
      <Typography.Paragraph type="secondary">{t('verify.transcript.intro')}</Typography.Paragraph>
      <Collapse
        data-testid="transcript-check-items"
        items={transcript.items.map((item, index) => ({
          key: String(index),
          label: (
            <span data-testid="transcript-check-item" data-verdict={verdict(item)}>
              <Tag color={verdictColors[verdict(item)]}>{t(`verify.transcript.verdict.${verdict(item)}`)}</Tag>
              {item.verification.achievement.name ?? item.verification.credential.name ?? '—'}
              {item.verification.achievement.creditsEarned !== null && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('verify.transcript.credits', { credits: item.verification.achievement.creditsEarned })}
                </Typography.Text>
              )}
            </span>
          ),
          children: <VerificationResult result={item.verification} credential={item.credential as Record<string, unknown>} />,
        }))}
      />
    </Card>
  );
}
