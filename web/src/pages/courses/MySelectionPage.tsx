import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CalendarOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  api,
  ApiError,
  errorMessage,
  newRequestId,
  type Enrolment,
  type MySelection,
  type SelectionAnswer,
  type StudentWindow,
  type StudentWindowSection,
} from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { LayerTag, ModeTag, PhaseTag, useMeetingText } from './shared.tsx';
import { formatDateTime, round1 } from '../../lib/format.ts';

type AnswerKind = 'success' | 'warning' | 'error';
interface ShownAnswer {
  kind: AnswerKind;
  text: string;
  code: string;
}

const retryable = (error: unknown) =>
  error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one selection (or drop) with one request id; a retry after a lost connection reuses the id,
 * so the server answers it with the first answer instead of acting twice.
 */
async function sendOnce<T>(send: (requestId: string) => Promise<T>): Promise<T> {
  const requestId = newRequestId();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send(requestId);
    } catch (error) {
      if (attempt >= 2 || !retryable(error)) throw error;
      await wait(400 * (attempt + 1));
    }
  }
}

function kindOf(answer: SelectionAnswer): AnswerKind {
  return answer.outcome === 'waitlisted' || answer.outcome === 'already_waitlisted' ? 'warning' : 'success';
}

export default function MySelectionPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<MySelection | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setData(await api.mySelection());
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <PageCard title={t('selection.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!data && !error && <Spin />}
      {data && (
        <>
          <Typography.Paragraph type="secondary">
            {t('selection.studentLine', {
              name: data.student.name,
              studentNo: data.student.studentNo,
              major: data.student.majorName,
              cohort: data.student.cohortYear,
            })}
          </Typography.Paragraph>
          {data.windows.length === 0 && <Empty description={t('selection.noWindows')} data-testid="no-windows" />}
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {data.windows.map((window) => (
              <WindowCard key={window.id} window={window} enrolments={data.enrolments} reload={reload} />
            ))}
          </Space>
        </>
      )}
    </PageCard>
  );
}

function WindowCard({ window, enrolments, reload }: { window: StudentWindow; enrolments: Enrolment[]; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const meetingText = useMeetingText();
  const [answers, setAnswers] = useState<Record<number, ShownAnswer>>({});
  const [latest, setLatest] = useState<ShownAnswer | null>(null);
  const [pending, setPending] = useState<Set<number>>(new Set());
  const inflight = useRef(new Set<number>());

  const mine = enrolments.filter((entry) => entry.termId === window.termId);
  const held = new Map(mine.map((entry) => [entry.sectionId, entry]));
  const heldCredits = round1(mine.reduce((total, entry) => total + entry.credits, 0));
  const canSelect =
    (window.mode === 'first_come' && window.phase === 'open') || (window.mode === 'lottery' && window.phase === 'adjusting');
  const canRank = window.mode === 'lottery' && window.phase === 'open';

  const run = async (sectionId: number, code: string, action: 'select' | 'drop') => {
    // One click, one request: a second click while the first is under way does nothing.
    if (inflight.current.has(sectionId)) return;
    inflight.current.add(sectionId);
    setPending(new Set(inflight.current));
    let shown: ShownAnswer;
    try {
      const answer = await sendOnce((requestId) =>
        action === 'select' ? api.selectSection(sectionId, requestId) : api.dropSection(sectionId, requestId),
      );
      shown = { kind: kindOf(answer), text: answer.message, code };
    } catch (caught) {
      shown = { kind: 'error', text: errorMessage(caught), code };
    }
    setAnswers((current) => ({ ...current, [sectionId]: shown }));
    setLatest(shown);
    if (shown.kind === 'error') message.error(shown.text);
    else message.success(shown.text);
    await reload();
    inflight.current.delete(sectionId);
    setPending(new Set(inflight.current));
  };

  const answerTag = (sectionId: number) => {
    const answer = answers[sectionId];
    if (!answer) return null;
    return (
      <Typography.Text
        type={answer.kind === 'error' ? 'danger' : answer.kind === 'warning' ? 'warning' : 'success'}
        style={{ fontSize: 12 }}
        data-testid="section-answer"
      >
        {answer.text}
      </Typography.Text>
    );
  };

  return (
    <Card
      size="small"
      data-testid={`window-${window.id}`}
      title={
        <Space wrap>
          <span>{window.name}</span>
          <ModeTag mode={window.mode} />
          <PhaseTag phase={window.phase} />
        </Space>
      }
      extra={
        <Button
          size="small"
          icon={<CalendarOutlined />}
          onClick={() => navigate(`/timetable?termId=${window.termId}`)}
          data-testid="open-timetable"
        >
          {t('selection.timetable')}
        </Button>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('windows.opensAt')}>{formatDateTime(window.opensAt)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.closesAt')}>{formatDateTime(window.closesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.dropDeadline')}>{formatDateTime(window.dropDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.creditCap')}>
          <span data-testid="held-credits">{t('selection.creditsOfCap', { held: heldCredits, cap: window.creditCap })}</span>
        </Descriptions.Item>
        {window.mode === 'lottery' && <Descriptions.Item label={t('windows.maxChoices')}>{window.maxChoices}</Descriptions.Item>}
        {window.mode === 'lottery' && <Descriptions.Item label={t('windows.maxCourses')}>{window.maxCourses}</Descriptions.Item>}
      </Descriptions>
      {window.phase === 'upcoming' && (
        <Alert
          type="info"
          showIcon
          title={t('selection.notOpenYet', { at: formatDateTime(window.opensAt) })}
          style={{ marginBottom: 12 }}
        />
      )}
      {window.phase === 'awaiting_draw' && <Alert type="info" showIcon title={t('selection.awaitingDraw')} style={{ marginBottom: 12 }} />}
      {latest && (
        <Alert
          type={latest.kind}
          showIcon
          data-testid="selection-answer"
          data-kind={latest.kind}
          title={`${latest.code}：${latest.text}`}
          closable={{ onClose: () => setLatest(null) }}
          style={{ marginBottom: 12 }}
        />
      )}

      {canRank && <PreferencesForm window={window} onSaved={reload} />}

      <Table<StudentWindowSection>
        size="small"
        rowKey="id"
        data-testid="selection-sections"
        dataSource={window.sections}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={(row) => ({ 'data-testid': `section-${row.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('sections.code'), dataIndex: 'code', width: 110 },
          {
            title: t('sections.course'),
            key: 'course',
            render: (_, row) => (
              <Space size={4} wrap>
                <span>
                  {row.courseCode} {row.courseName}
                </span>
                {row.crossGroup && (
                  <Tag color="magenta" data-testid="cross-group">
                    {t('selection.crossGroup')}
                  </Tag>
                )}
                {row.ownGroup && <Tag>{t('selection.ownGroup')}</Tag>}
              </Space>
            ),
          },
          { title: t('courses.layer'), dataIndex: 'layer', width: 100, render: (layer) => <LayerTag layer={layer} /> },
          { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
          { title: t('sections.schedule'), key: 'schedule', width: 220, render: (_, row) => meetingText(row.meetings) },
          { title: t('sections.room'), dataIndex: 'room', width: 110, render: (room: string | null) => room ?? '—' },
          {
            title: t('sections.seats'),
            key: 'seats',
            width: 120,
            render: (_, row) => (
              <Tooltip
                title={t('sections.seatsDetail', { capacity: row.capacity, enrolled: row.enrolledCount, waitlisted: row.waitlistCount })}
              >
                <Tag color={row.seatsLeft > 0 ? 'green' : 'red'} data-testid="seats-left">
                  {t('sections.seatsLeft', { count: Math.max(0, row.capacity - row.enrolledCount) })}
                </Tag>
                {row.waitlistCount > 0 && <Tag color="orange">{t('sections.waitlistCount', { count: row.waitlistCount })}</Tag>}
              </Tooltip>
            ),
          },
          {
            title: t('selection.action'),
            key: 'action',
            width: 200,
            fixed: 'right',
            render: (_, row) => {
              const place = held.get(row.id);
              return (
                <Space orientation="vertical" size={2}>
                  {place ? (
                    <EnrolmentStatus entry={place} />
                  ) : (
                    canSelect && (
                      <Button
                        size="small"
                        type="primary"
                        loading={pending.has(row.id)}
                        disabled={pending.has(row.id)}
                        onClick={() => void run(row.id, row.code, 'select')}
                        data-testid={`select-${row.code}`}
                      >
                        {t('selection.select')}
                      </Button>
                    )
                  )}
                  {answerTag(row.id)}
                </Space>
              );
            },
          },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('selection.myEnrolments')}
      </Typography.Title>
      <Table<Enrolment>
        size="small"
        rowKey="id"
        data-testid="my-enrolments"
        dataSource={mine}
        pagination={false}
        locale={{ emptyText: t('selection.noEnrolments') }}
        onRow={(row) => ({ 'data-testid': `enrolment-${row.sectionCode}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('sections.code'), dataIndex: 'sectionCode', width: 110 },
          { title: t('sections.course'), key: 'course', render: (_, row) => `${row.courseCode} ${row.courseName}` },
          { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
          { title: t('selection.status'), key: 'status', width: 150, render: (_, row) => <EnrolmentStatus entry={row} /> },
          { title: t('sections.schedule'), key: 'schedule', render: (_, row) => meetingText(row.meetings) },
          {
            title: '',
            key: 'drop',
            width: 110,
            render: (_, row) => (
              <Popconfirm
                title={
                  row.status === 'enrolled'
                    ? t('selection.confirmDrop', { name: row.courseName })
                    : t('selection.confirmLeave', { name: row.courseName })
                }
                onConfirm={() => run(row.sectionId, row.sectionCode, 'drop')}
                okText={t('common.yes')}
                cancelText={t('common.no')}
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  loading={pending.has(row.sectionId)}
                  disabled={pending.has(row.sectionId)}
                  data-testid={`drop-${row.sectionCode}`}
                >
                  {row.status === 'enrolled' ? t('selection.drop') : t('selection.leaveWaitlist')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}

function EnrolmentStatus({ entry }: { entry: Enrolment }) {
  const { t } = useTranslation();
  return entry.status === 'enrolled' ? (
    <Tag color="success" data-testid="status-enrolled">
      {t('selection.enrolled')}
    </Tag>
  ) : (
    <Tag color="warning" data-testid="status-waitlisted">
      {t('selection.waitlisted', { position: entry.position ?? '?' })}
    </Tag>
  );
}

/** Lottery windows: the student's ranked choices (志愿), best first. */
function PreferencesForm({ window, onSaved }: { window: StudentWindow; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ranked, setRanked] = useState<number[]>(window.preferences);
  const [adding, setAdding] = useState<number | undefined>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<{ title: string; items: string[] } | null>(null);

  useEffect(() => {
    setRanked(window.preferences);
  }, [window.preferences]);

  const byId = useMemo(() => new Map(window.sections.map((section) => [section.id, section])), [window.sections]);
  const options = window.sections
    .filter((section) => !ranked.includes(section.id))
    .map((section) => ({
      value: section.id,
      label: `${section.code} ${section.courseName}（${t('builder.creditsShort', { credits: section.credits })}）`,
    }));
  const move = (index: number, delta: number) =>
    setRanked((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      next.splice(index + delta, 0, item!);
      return next;
    });
  const saved = JSON.stringify(ranked) === JSON.stringify(window.preferences);

  const save = async () => {
    setSaving(true);
    setProblems(null);
    try {
      await api.submitPreferences(window.id, ranked);
      message.success(t('selection.preferencesSaved'));
      await onSaved();
    } catch (caught) {
      const details =
        caught instanceof ApiError && Array.isArray(caught.details)
          ? (caught.details as Array<{ rank?: number; message?: string }>).map(
              (entry) => `${t('selection.choiceN', { rank: entry.rank ?? '?' })}：${entry.message ?? ''}`,
            )
          : [];
      setProblems({ title: errorMessage(caught), items: details });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      type="inner"
      title={t('selection.preferences', { max: window.maxChoices })}
      style={{ marginBottom: 12 }}
      data-testid="preferences-form"
    >
      {problems && (
        <Alert
          type="error"
          showIcon
          title={problems.title}
          style={{ marginBottom: 12 }}
          description={
            problems.items.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.items.map((item, index) => (
                  <li key={index}>{item}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={ranked.map((id) => ({ id }))}
        locale={{ emptyText: t('selection.noPreferences') }}
        columns={[
          { title: t('selection.rank'), key: 'rank', width: 100, render: (_, __, index) => t('selection.choiceN', { rank: index + 1 }) },
          {
            title: t('sections.course'),
            key: 'course',
            render: (_, { id }) => {
              const section = byId.get(id);
              return section ? `${section.code} ${section.courseName}` : id;
            },
          },
          {
            title: '',
            key: 'actions',
            width: 130,
            render: (_, __, index) => (
              <Space size={2}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('selection.moveUp')}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={index === ranked.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('selection.moveDown')}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => setRanked((current) => current.filter((_, at) => at !== index))}
                  aria-label={t('builder.remove')}
                />
              </Space>
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <Select
          style={{ width: 340 }}
          placeholder={t('selection.addChoice')}
          value={adding}
          onChange={setAdding}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          disabled={ranked.length >= window.maxChoices}
          data-testid="preference-select"
        />
        <Button
          disabled={!adding}
          onClick={() => {
            if (adding) {
              setRanked((current) => [...current, adding]);
              setAdding(undefined);
            }
          }}
        >
          {t('selection.addChoiceButton')}
        </Button>
        <Button type="primary" loading={saving} disabled={saved} onClick={() => void save()} data-testid="save-preferences">
          {t('selection.savePreferences')}
        </Button>
      </Space>
    </Card>
  );
}
