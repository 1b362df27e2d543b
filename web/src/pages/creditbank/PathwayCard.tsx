import { Alert, Card, Grid, List, Spin, Steps, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Pathway, PathwayCriterion, PathwayStage } from '../../api.ts';
import { pick } from '../../i18n/index.ts';
import { useMarks } from '../../lib/hooks.ts';

function Criterion({ criterion }: { criterion: PathwayCriterion }) {
  const { i18n } = useTranslation();
  const marks = useMarks();
  return (
    <span data-testid={`criterion-${criterion.key}`} data-met={criterion.met}>
      {criterion.met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}{' '}
      <Typography.Text strong>{pick(criterion.label, i18n.language)}</Typography.Text>
      <Typography.Text type="secondary">
        {marks.colon}
        {pick(criterion.detail, i18n.language)}
      </Typography.Text>
    </span>
  );
}

/**
 * How a stage shows on the stepper: the stage the student is in is the highlighted one ("process"),
 * the stages behind it are done, the rest wait. A student in no stage yet has none highlighted.
 */
export function stageStatus(stage: PathwayStage, pathway: Pathway): 'finish' | 'process' | 'wait' {
  if (stage.key === pathway.current) return 'process';
  return stage.reached ? 'finish' : 'wait';
}

/**
 * The student's place on the four-stage pathway (初级学徒 → 中级学徒 → 高级学徒 → 准工匠) and exactly
 * what stands between them and the next stage. `pathway` undefined while loading.
 */
export function PathwayCard({ pathway, error }: { pathway: Pathway | undefined; error: string | null }) {
  const { t, i18n } = useTranslation();
  const marks = useMarks();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  let body;
  if (error)
    body = <Alert type="info" showIcon title={t('creditbank.pathway.unavailable')} description={error} data-testid="pathway-error" />;
  else if (!pathway) body = <Spin />;
  else {
    const currentIndex = pathway.stages.findIndex((stage) => stage.key === pathway.current);
    const next = pathway.stages.find((stage) => stage.key === pathway.next);
    body = (
      <>
        <Steps
          data-testid="pathway-steps"
          // The stage the student is in; -1 (none highlighted) before the first.
          current={currentIndex}
          orientation={phone ? 'vertical' : 'horizontal'}
          size={phone ? 'small' : 'default'}
          style={{ marginBottom: 16 }}
          items={pathway.stages.map((stage) => {
            const status = stageStatus(stage, pathway);
            return {
              title: (
                <span
                  data-testid={`stage-${stage.key}`}
                  data-reached={stage.reached}
                  data-current={stage.key === pathway.current}
                  data-status={status}
                >
                  {pick(stage.name, i18n.language)}
                </span>
              ),
              subTitle:
                stage.key === pathway.current ? (
                  <Tag color="processing" data-testid="stage-you-are-here">
                    {t('creditbank.pathway.youAreHere')}
                  </Tag>
                ) : stage.key === pathway.next ? (
                  <Tag data-testid="stage-next">{t('creditbank.pathway.nextStage')}</Tag>
                ) : undefined,
              status,
              content: stage.criteria.map((criterion) => (
                <div key={criterion.key} style={{ fontSize: 12 }}>
                  {criterion.met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#d9d9d9" />}{' '}
                  {pick(criterion.label, i18n.language)}
                </div>
              )),
            };
          })}
        />
        <Typography.Paragraph data-testid="pathway-current">
          {t('creditbank.pathway.current')}
          {marks.colon}
          {pathway.current ? (
            <Tag color="processing">{pick(pathway.stages[currentIndex]!.name, i18n.language)}</Tag>
          ) : (
            <Tag>{t('creditbank.pathway.none')}</Tag>
          )}
        </Typography.Paragraph>
        {next ? (
          <List
            size="small"
            bordered
            data-testid="pathway-missing"
            header={
              <Typography.Text strong>{t('creditbank.pathway.missingFor', { stage: pick(next.name, i18n.language) })}</Typography.Text>
            }
            dataSource={pathway.missing}
            renderItem={(criterion) => (
              <List.Item>
                <Criterion criterion={criterion} />
              </List.Item>
            )}
          />
        ) : (
          <Alert type="success" showIcon title={t('creditbank.pathway.complete')} />
        )}
      </>
    );
  }
  return (
    <Card size="small" title={t('creditbank.pathway.title')} data-testid="pathway-card" style={{ marginBottom: 16 }}>
      {body}
    </Card>
  );
}
