import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { creditbankApi, type AcademicCriterion, type CertificateLevel, type PathwaySettings, type StageCriteria } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { pick } from '../../i18n/index.ts';
import { certificateLevels } from './shared.tsx';
import { useAsyncAction } from '../../lib/hooks.ts';

type AcademicKind = AcademicCriterion['kind'];
const academicKinds: AcademicKind[] = ['secondary_done', 'credit_share', 'graduated'];

/** The academic criterion a kind starts from when an editor switches to it. */
function academicOf(kind: AcademicKind, previous: AcademicCriterion): AcademicCriterion {
  if (kind !== 'credit_share') return { kind };
  return previous.kind === 'credit_share' ? previous : { kind, share: 1 / 3, fallbackCredits: 48 };
}

/**
 * 成长路径设置: the criteria of the four stages for one cluster — what coursework and which
 * certificate level each stage needs. Read by everyone who sees the distribution; saved by those
 * who hold the conversion rules, with the revision read so a concurrent save is refused.
 */
export function PathwaySettingsCard({ clusterId, onSaved }: { clusterId: number; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const editable = can('creditbank.rules');
  const [settings, setSettings] = useState<PathwaySettings | null>(null);
  const [stages, setStages] = useState<StageCriteria[]>([]);
  const loading = useAsyncAction();
  const saving = useAsyncAction();

  const load = useCallback(async () => {
    const loaded = await creditbankApi.pathwaySettings(clusterId);
    setSettings(loaded);
    setStages(structuredClone(loaded.stages));
  }, [clusterId]);
  const runLoading = loading.run;
  useEffect(() => {
    void runLoading(load);
  }, [load, runLoading]);

  const changed = settings !== null && JSON.stringify(stages) !== JSON.stringify(settings.stages);
  const update = (index: number, patch: Partial<StageCriteria>) =>
    setStages(stages.map((stage, at) => (at === index ? { ...stage, ...patch } : stage)));
  const save = async () => {
    if (!settings) return;
    if (
      await saving.run(async () => {
        const saved = await creditbankApi.savePathwaySettings(clusterId, stages, settings.revision);
        setSettings(saved);
        setStages(structuredClone(saved.stages));
      })
    ) {
      void message.success(t('creditbank.pathwaySettings.saved'));
      onSaved();
    }
  };

  const error = saving.error ?? loading.error;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="pathway-settings"
      title={
        <Space>
          {t('creditbank.pathwaySettings.title')}
          {settings?.isDefault && <Tag>{t('creditbank.pathwaySettings.isDefault')}</Tag>}
          {settings && !settings.isDefault && (
            <Tag color="blue">{t('creditbank.pathwaySettings.revision', { revision: settings.revision })}</Tag>
          )}
        </Space>
      }
      extra={
        editable &&
        settings && (
          <Space>
            <Button
              size="small"
              disabled={!changed || saving.busy}
              onClick={() => setStages(structuredClone(settings.stages))}
              data-testid="pathway-settings-undo"
            >
              {t('creditbank.pathwaySettings.undo')}
            </Button>
            <Button
              size="small"
              disabled={saving.busy}
              onClick={() => setStages(structuredClone(settings.defaults))}
              data-testid="pathway-settings-defaults"
            >
              {t('creditbank.pathwaySettings.defaults')}
            </Button>
            <Button
              size="small"
              type="primary"
              disabled={!changed}
              loading={saving.busy}
              onClick={() => void save()}
              data-testid="pathway-settings-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('creditbank.pathwaySettings.intro')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: saving.clear }}
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="pathway-settings-error"
        />
      )}
      <Table<StageCriteria>
        rowKey="key"
        size="small"
        pagination={false}
        loading={loading.busy}
        dataSource={stages}
        columns={[
          {
            title: t('creditbank.pathwaySettings.stage'),
            dataIndex: 'key',
            width: 130,
            render: (key: StageCriteria['key']) => pick(settings?.names[key], i18n.language),
          },
          {
            title: t('creditbank.pathwaySettings.academic'),
            key: 'academic',
            render: (_: unknown, stage, index) => (
              <Space wrap size={6}>
                <Select<AcademicKind>
                  style={{ width: 250 }}
                  disabled={!editable}
                  value={stage.academic.kind}
                  data-testid={`pathway-academic-${stage.key}`}
                  onChange={(kind) => update(index, { academic: academicOf(kind, stage.academic) })}
                  options={academicKinds.map((kind) => ({
                    value: kind,
                    label: <span data-testid={`academic-${kind}`}>{t(`creditbank.pathwaySettings.academicKind.${kind}`)}</span>,
                  }))}
                />
                {stage.academic.kind === 'credit_share' &&
                  (() => {
                    const academic = stage.academic;
                    return (
                      <>
                        <InputNumber<number>
                          style={{ width: 130 }}
                          min={1}
                          max={100}
                          step={5}
                          precision={1}
                          disabled={!editable}
                          value={Math.round(academic.share * 1000) / 10}
                          suffix="%"
                          data-testid={`pathway-share-${stage.key}`}
                          onChange={(percent) => percent !== null && update(index, { academic: { ...academic, share: percent / 100 } })}
                        />
                        <Typography.Text type="secondary">{t('creditbank.pathwaySettings.shareOf')}</Typography.Text>
                        <InputNumber<number>
                          style={{ width: 110 }}
                          min={0}
                          max={300}
                          step={0.5}
                          disabled={!editable}
                          value={academic.fallbackCredits}
                          data-testid={`pathway-fallback-${stage.key}`}
                          onChange={(credits) => credits !== null && update(index, { academic: { ...academic, fallbackCredits: credits } })}
                        />
                        <Typography.Text type="secondary">{t('creditbank.pathwaySettings.fallback')}</Typography.Text>
                      </>
                    );
                  })()}
              </Space>
            ),
          },
          {
            title: t('creditbank.pathwaySettings.certificate'),
            dataIndex: 'minCertificateLevel',
            width: 170,
            render: (level: CertificateLevel, stage, index) => (
              <Select<CertificateLevel>
                style={{ width: 150 }}
                disabled={!editable}
                value={level}
                data-testid={`pathway-level-${stage.key}`}
                onChange={(minCertificateLevel) => update(index, { minCertificateLevel })}
                options={certificateLevels.map((value) => ({
                  value,
                  label: (
                    <span data-testid={`level-${value}`}>{t('creditbank.minLevelShort', { level: t(`creditbank.level.${value}`) })}</span>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
