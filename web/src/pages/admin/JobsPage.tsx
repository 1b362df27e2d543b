import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api.ts';
import { client, unwrap } from '../../api/client.ts';
import type { Job, JobRun } from '../../api/types.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { pick } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';

const statusColors: Record<JobRun['status'], string> = {
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  abandoned: 'warning',
};

function RunStatus({ run }: { run: JobRun }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[run.status]} data-testid="run-status" data-status={run.status}>
      {t(`jobs.status.${run.status}`)}
    </Tag>
  );
}

/** "every 60s" → 每 60 秒 / every 60 s; a cron expression as written (Beijing time). */
function useScheduleText() {
  const { t } = useTranslation();
  return (schedule: string) => {
    const every = /^every (\d+)s$/.exec(schedule);
    if (every) return t('jobs.every', { seconds: Number(every[1]) });
    return t('jobs.cron', { expression: schedule.replace(/^cron /, '') });
  };
}

function RunHistory({ job }: { job: Job }) {
  const { t } = useTranslation();
  const [runs, setRuns] = useState<JobRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(client.GET('/api/admin/jobs/{name}/runs', { params: { path: { name: job.name }, query: { limit: 20 } } }))
      .then(setRuns)
      .catch((caught) => {
        setRuns([]);
        setError(errorMessage(caught));
      });
  }, [job.name, job.lastRun?.id]);
  return (
    <>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<JobRun>
        size="small"
        rowKey="id"
        loading={runs === null}
        dataSource={runs ?? []}
        pagination={false}
        data-testid={`runs-${job.name}`}
        columns={[
          { title: t('jobs.startedAt'), dataIndex: 'startedAt', width: 150, render: (value: string) => formatDateTime(value) },
          {
            title: t('jobs.trigger'),
            dataIndex: 'trigger',
            width: 110,
            render: (value: JobRun['trigger'], run) => `${t(`jobs.triggers.${value}`)}${run.attempt > 0 ? ` #${run.attempt + 1}` : ''}`,
          },
          { title: t('jobs.statusTitle'), key: 'status', width: 90, render: (_, run) => <RunStatus run={run} /> },
          {
            title: t('jobs.duration'),
            dataIndex: 'durationMs',
            width: 90,
            render: (value: number | null) => (value === null ? '—' : `${value} ms`),
          },
          {
            title: t('jobs.result'),
            key: 'result',
            render: (_, run) =>
              run.error ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {run.error}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {run.result ? JSON.stringify(run.result) : '—'}
                </Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}

/** 定时任务: every module's scheduled jobs, when they run next, how the last runs went, and "run now". */
export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const scheduleText = useScheduleText();
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [failed, setFailed] = useState<JobRun[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, failures] = await Promise.all([
        unwrap(client.GET('/api/admin/jobs')),
        unwrap(client.GET('/api/admin/job-runs/failed', { params: { query: { days: 7 } } })),
      ]);
      setJobs(list);
      setFailed(failures);
      setError(null);
    } catch (caught) {
      setJobs((current) => current ?? []);
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const runNow = async (job: Job) => {
    setStarting(job.name);
    try {
      await unwrap(client.POST('/api/admin/jobs/{name}/run', { params: { path: { name: job.name } } }));
      message.success(t('jobs.started', { name: pick(job.title, i18n.language) }));
      // The run goes on in the background; its result shows in the history once it has finished.
      setTimeout(() => void load(), 1500);
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setStarting(null);
    }
  };

  return (
    <PageCard
      title={t('jobs.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('jobs.intro')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} />}
        {failed.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="failed-runs"
            title={t('jobs.failedRecently', { count: failed.length })}
            description={failed.slice(0, 5).map((run) => (
              <div key={run.id}>
                {formatDateTime(run.startedAt)} · {run.job} · {run.error}
              </div>
            ))}
          />
        )}
        <Table<Job>
          rowKey="name"
          loading={jobs === null}
          dataSource={jobs ?? []}
          pagination={false}
          data-testid="jobs-table"
          scroll={{ x: 1080 }}
          expandable={{ expandedRowRender: (job) => <RunHistory job={job} /> }}
          columns={[
            {
              title: t('jobs.job'),
              key: 'job',
              width: 300,
              render: (_, job) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text>{pick(job.title, i18n.language)}</Typography.Text>
                  <Typography.Text type="secondary" code style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {job.name}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('jobs.module'), dataIndex: 'module', width: 120 },
            { title: t('jobs.schedule'), dataIndex: 'schedule', width: 110, render: (value: string) => scheduleText(value) },
            {
              title: t('jobs.nextRun'),
              dataIndex: 'nextRunAt',
              width: 150,
              render: (value: string | null, job) =>
                job.running ? <Tag color="processing">{t('jobs.running')}</Tag> : formatDateTime(value),
            },
            {
              title: t('jobs.lastRun'),
              key: 'last',
              width: 190,
              render: (_, job) =>
                job.lastRun ? (
                  <Space size={4} wrap>
                    <RunStatus run={job.lastRun} />
                    <span>{formatDateTime(job.lastRun.startedAt)}</span>
                    {job.lastRun.durationMs !== null && <Typography.Text type="secondary">{job.lastRun.durationMs} ms</Typography.Text>}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('jobs.never')}</Typography.Text>
                ),
            },
            {
              title: t('jobs.failures'),
              dataIndex: 'failuresLastDay',
              width: 110,
              render: (value: number) =>
                value > 0 ? <Tag color="error">{value}</Tag> : <Typography.Text type="secondary">0</Typography.Text>,
            },
            {
              title: t('jobs.actions'),
              key: 'actions',
              width: 120,
              fixed: 'right',
              render: (_, job) => (
                <Tooltip title={job.running ? t('jobs.running') : undefined}>
                  <Button
                    size="small"
                    icon={<PlayCircleOutlined />}
                    disabled={job.running}
                    loading={starting === job.name}
                    onClick={() => void runNow(job)}
                    data-testid={`run-${job.name}`}
                  >
                    {t('jobs.runNow')}
                  </Button>
                </Tooltip>
              ),
            },
          ]}
        />
      </Space>
    </PageCard>
  );
}
