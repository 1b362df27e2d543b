import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Col, Empty, Grid, List, Row, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import {
  ArrowRightOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  InfoCircleOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import { client, unwrap } from '../../api/client.ts';
import type { Answer } from '../../api/types.ts';
import { useAuth } from '../../auth.tsx';
import { ProvisionAccounts } from '../../components/ProvisionAccounts.tsx';
import { pick } from '../../i18n/index.ts';
import { downloadBase64 } from '../../lib/download.ts';
import { formatDateTime } from '../../lib/format.ts';

dayjs.extend(relativeTime);

type WorkbenchCard = Answer<'/api/me/workbench'>['cards'][number];
type Tone = WorkbenchCard['tone'];
type SetupStep = NonNullable<WorkbenchCard['steps']>[number];
type Provisioned = Answer<'/api/accounts/provision', 'post'>;

const toneColor: Record<Tone, string> = { todo: '#1f5fa8', info: '#13a8a8', warning: '#d48806', danger: '#cf1322', done: '#389e0d' };
const toneIcon: Record<Tone, ReactNode> = {
  todo: <ClockCircleOutlined />,
  info: <InfoCircleOutlined />,
  warning: <ExclamationCircleOutlined />,
  danger: <ExclamationCircleOutlined />,
  done: <CheckCircleOutlined />,
};

function greetingKey(hour: number): string {
  if (hour < 11) return 'workbench.morning';
  if (hour < 14) return 'workbench.noon';
  if (hour < 18) return 'workbench.afternoon';
  return 'workbench.evening';
}

function Deadline({ at }: { at: string }) {
  const { t } = useTranslation();
  const due = dayjs(at);
  const soon = due.diff(dayjs(), 'hour') < 48;
  return (
    <Tag color={soon ? 'red' : 'blue'} icon={<ClockCircleOutlined />} data-testid="card-deadline">
      {t(due.isAfter(dayjs()) ? 'workbench.due' : 'workbench.was', { time: formatDateTime(at), relative: due.fromNow() })}
    </Tag>
  );
}

function TodoCard({ card }: { card: WorkbenchCard }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card
      data-testid={`card-${card.key}`}
      data-tone={card.tone}
      style={{ height: '100%', borderTop: `3px solid ${toneColor[card.tone]}` }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, height: '100%' } }}
    >
      <Space align="start" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space size={8} style={{ color: toneColor[card.tone] }}>
          {toneIcon[card.tone]}
          <Typography.Text strong style={{ fontSize: 16 }}>
            {pick(card.title, i18n.language)}
          </Typography.Text>
        </Space>
        {card.count !== null && (
          <Badge count={card.count} showZero color={toneColor[card.tone]} overflowCount={999} data-testid="card-count" />
        )}
      </Space>
      <Typography.Text data-testid="card-summary">{pick(card.summary, i18n.language)}</Typography.Text>
      {card.deadline && (
        <div>
          <Deadline at={card.deadline} />
        </div>
      )}
      {card.items.length > 0 && (
        <List
          size="small"
          dataSource={card.items}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }} onClick={item.link ? () => navigate(item.link!) : undefined}>
              <Space direction="vertical" size={0} style={{ cursor: item.link ? 'pointer' : 'default', minWidth: 0 }}>
                <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                  {pick(item.label, i18n.language)}
                </Typography.Text>
                {item.detail && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {pick(item.detail, i18n.language)}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      <div style={{ marginTop: 'auto' }}>
        <Button
          type={card.tone === 'done' ? 'default' : 'primary'}
          icon={<ArrowRightOutlined />}
          iconPosition="end"
          onClick={() => navigate(card.link)}
          data-testid="card-open"
          style={{ minHeight: 40 }}
        >
          {t(card.tone === 'done' || card.tone === 'info' ? 'workbench.view' : 'workbench.handle')}
        </Button>
      </div>
    </Card>
  );
}

const stepStatus = { done: 'finish', next: 'process', waiting: 'wait' } as const;

/**
 * A checklist card (the setup steps): every step with what is there or what to do, the next one
 * highlighted with the button that leads to where it is done. The accounts step is done right here.
 */
function StepsCard({ card, onProvisioned }: { card: WorkbenchCard; onProvisioned: (result: Provisioned) => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Side by side where seven steps fit, one under the other where they would be squeezed.
  const wide = Grid.useBreakpoint().xl ?? true;
  const steps = card.steps ?? [];
  const current = Math.max(
    0,
    steps.findIndex((step) => step.state === 'next'),
  );
  const next: SetupStep | undefined = steps[current];
  return (
    <Card
      data-testid={`card-${card.key}`}
      data-tone={card.tone}
      data-next-step={next?.key}
      style={{ borderTop: `3px solid ${toneColor[card.tone]}` }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 16 } }}
    >
      <Space align="start" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space size={8} style={{ color: toneColor[card.tone] }}>
          {toneIcon[card.tone]}
          <Typography.Text strong style={{ fontSize: 16 }}>
            {pick(card.title, i18n.language)}
          </Typography.Text>
        </Space>
        {card.count !== null && (
          <Badge count={card.count} showZero color={toneColor[card.tone]} overflowCount={999} data-testid="card-count" />
        )}
      </Space>
      <Typography.Text data-testid="card-summary">{pick(card.summary, i18n.language)}</Typography.Text>
      <Steps
        size="small"
        orientation={wide ? 'horizontal' : 'vertical'}
        titlePlacement={wide ? 'vertical' : 'horizontal'}
        current={current}
        items={steps.map((step) => ({
          key: step.key,
          status: stepStatus[step.state],
          title: (
            <span data-testid={`step-${step.key}`} data-state={step.state}>
              {pick(step.label, i18n.language)}
            </span>
          ),
          // What is there for the steps done; what to do next is said once, below.
          content:
            step.state === 'done' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {pick(step.detail, i18n.language)}
              </Typography.Text>
            ) : undefined,
          onClick: step.state === 'waiting' ? undefined : () => navigate(step.link),
        }))}
      />
      {next && (
        <div data-testid="next-step" style={{ background: '#f0f5ff', border: '1px solid #adc6ff', borderRadius: 8, padding: '12px 16px' }}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text strong>{t('workbench.nextStep', { step: pick(next.label, i18n.language) })}</Typography.Text>
            <Typography.Text type="secondary">{pick(next.detail, i18n.language)}</Typography.Text>
            {next.key === 'platform.accounts' ? (
              <ProvisionAccounts
                kinds={['student', 'teacher']}
                label={t('provision.run')}
                onDone={onProvisioned}
                testId="setup-provision"
              />
            ) : (
              <div>
                <Button
                  type="primary"
                  icon={<ArrowRightOutlined />}
                  iconPosition="end"
                  onClick={() => navigate(next.link)}
                  data-testid="card-open"
                  style={{ minHeight: 40 }}
                >
                  {t('workbench.doStep')}
                </Button>
              </div>
            )}
          </Space>
        </div>
      )}
    </Card>
  );
}

/** 工作台: what needs this person now, from every module, each card leading to where the work is done. */
export default function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [cards, setCards] = useState<WorkbenchCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [provisioned, setProvisioned] = useState<Provisioned | null>(null);

  const load = useCallback(async () => {
    try {
      setCards((await unwrap(client.GET('/api/me/workbench'))).cards);
      setError(null);
    } catch (caught) {
      setCards((current) => current ?? []);
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, i18n.language]);

  const open = (cards ?? []).filter((card) => card.tone !== 'done');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 24px' } }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="workbench-greeting">
              {t(greetingKey(new Date().getHours()), { name: me?.displayName ?? '' })}
            </Typography.Title>
            <Typography.Text type="secondary">
              {cards === null
                ? t('app.loading')
                : open.length > 0
                  ? t('workbench.summary', { count: open.length })
                  : t('workbench.allDone')}
            </Typography.Text>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {provisioned && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setProvisioned(null)}
          data-testid="provisioned"
          title={t('provision.done', {
            created: provisioned.summary.created,
            existing: provisioned.summary.existing,
            count: provisioned.summary.created,
          })}
          description={provisioned.sheet ? t('provision.sheetSaved') : t('provision.noSheet')}
          action={
            provisioned.sheet && (
              <Button size="small" onClick={() => downloadBase64(provisioned.sheet!.fileName, provisioned.sheet!.base64)}>
                {t('provision.downloadAgain')}
              </Button>
            )
          }
        />
      )}
      {cards === null ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : cards.length === 0 ? (
        <Card>
          <Empty description={t('workbench.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} data-testid="workbench-cards">
          {cards.map((card) =>
            card.steps ? (
              <Col key={card.key} xs={24}>
                <StepsCard
                  card={card}
                  onProvisioned={(result) => {
                    setProvisioned(result);
                    void load();
                  }}
                />
              </Col>
            ) : (
              <Col key={card.key} xs={24} md={12} xl={8}>
                <TodoCard card={card} />
              </Col>
            ),
          )}
        </Row>
      )}
    </Space>
  );
}
