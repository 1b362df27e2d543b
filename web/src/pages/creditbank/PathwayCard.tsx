import { Alert, Card, List, Spin, Steps, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Pathway, PathwayCriterion } from '../../api.ts';
import { pick } from '../../i18n/index.ts';

function Criterion({ criterion }: { criterion: PathwayCriterion }) {
  const { i18n } = useTranslation();
  return (
    <span data-testid={`criterion-${criterion.key}`} data-met={criterion.met}>
      {criterion.met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}{' '}
      <Typography.Text strong>{pick(criterion.label, i18n.language)}</Typography.Text>
      <Typography.Text type="secondary">：{pick(criterion.detail, i18n.language)}</Typography.Text>
    </span>
  );
}

/**
 * The student's place on the four-stage pathway (初级学徒 → 中级学徒 → 高级学徒 → 准工匠) and exactly
 * what stands between them and the next stage. `pathway` undefined while loading.
 */
export function PathwayCard({ pathway, error }: { pathway: Pathway | undefined; error: string | null }) {
  const { t, i18n } = useTranslation();
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
          current={pathway.next ? currentIndex + 1 : currentIndex}
          status={pathway.next ? 'process' : 'finish'}
          style={{ marginBottom: 16 }}
          items={pathway.stages.map((stage) => ({
            title: (
              <span data-testid={`stage-${stage.key}`} data-reached={stage.reached}>
                {pick(stage.name, i18n.language)}
              </span>
            ),
            status: stage.reached ? 'finish' : stage.key === pathway.next ? 'process' : 'wait',
            content: stage.criteria.map((criterion) => (
              <div key={criterion.key} style={{ fontSize: 12 }}>
                {criterion.met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#d9d9d9" />}{' '}
                {pick(criterion.label, i18n.language)}
              </div>
            )),
          }))}
        />
        <Typography.Paragraph data-testid="pathway-current">
          {t('creditbank.pathway.current')}：{' '}
          {pathway.current ? (
            <Tag color="success">{pick(pathway.stages[currentIndex]!.name, i18n.language)}</Tag>
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
