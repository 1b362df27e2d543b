import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Input,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CalendarOutlined, DeleteOutlined, SearchOutlined } from '@ant-design/icons';
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
import { formatDateTime, marks } from '../../lib/format.ts';
import { emptyFilter, filterSections, groupSections, localName, termName, type Grouping, type SectionFilter } from './timetable.ts';

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

/** While the student waits on a waitlist, the page asks again this often (and whenever it comes back into view). */
const waitlistPollMs = 10_000;

/** Selections and drops with their answers, shared by the summary at the top and the section cards. */
function useSelectionActions(reload: () => Promise<void>) {
  const { message } = App.useApp();
  const [answers, setAnswers] = useState<Record<number, ShownAnswer>>({});
  const [latest, setLatest] = useState<ShownAnswer | null>(null);
  const [pending, setPending] = useState<Set<number>>(new Set());
  const inflight = useRef(new Set<number>());

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
  return { run, answers, latest, clearLatest: () => setLatest(null), pending };
}
type Actions = ReturnType<typeof useSelectionActions>;

export default function MySelectionPage() {
  const { t, i18n } = useTranslation();
  const { colon } = marks(i18n.language);
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
  const actions = useSelectionActions(reload);

  // Reasons and messages come from the server in the UI language: ask again when it changes.
  useEffect(() => {
    void reload();
  }, [reload, i18n.language]);

  // A waitlisted student sees their place move without reloading the page.
  const waiting = data?.enrolments.some((entry) => entry.status === 'waitlisted') ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, waitlistPollMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [waiting, reload]);

  const termIds = data ? [...new Set(data.windows.map((window) => window.termId))] : [];
  const { latest } = actions;

  return (
    <PageCard title={t('selection.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!data && !error && <Spin />}
      {data && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('selection.studentLine', {
              name: data.student.name,
              studentNo: data.student.studentNo,
              major: data.student.majorName,
              cohort: data.student.cohortYear,
            })}
          </Typography.Text>
          {data.windows.length === 0 && <Empty description={t('selection.noWindows')} data-testid="no-windows" />}
          {latest && (
            <Alert
              type={latest.kind}
              showIcon
              data-testid="selection-answer"
              data-kind={latest.kind}
              title={`${latest.code}${colon}${latest.text}`}
              closable={{ onClose: actions.clearLatest }}
            />
          )}
          {termIds.map((termId) => (
            <TermSummary key={termId} termId={termId} data={data} actions={actions} />
          ))}
          {data.windows.map((window) => (
            <WindowCard key={window.id} window={window} enrolments={data.enrolments} actions={actions} reload={reload} />
          ))}
        </Space>
      )}
    </PageCard>
  );
}

/** 本学期我的选课, at the top: credits held against the cap, and each place with its status and a drop button. */
function TermSummary({ termId, data, actions }: { termId: number; data: MySelection; actions: Actions }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const meetingText = useMeetingText();
  const windows = data.windows.filter((window) => window.termId === termId);
  const window = windows.find((entry) => entry.phase === 'open' || entry.phase === 'adjusting') ?? windows[0]!;
  const term = data.terms.find((entry) => entry.id === termId);
  const mine = data.enrolments.filter((entry) => entry.termId === termId);
  const held = window.heldCredits;
  return (
    <Card
      size="small"
      data-testid={`term-summary-${termId}`}
      title={t('selection.myEnrolmentsOf', { term: term ? termName(term, i18n.language) : termId })}
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 }, title: { whiteSpace: 'normal' } }}
      extra={
        <Button icon={<CalendarOutlined />} onClick={() => navigate(`/timetable?termId=${termId}`)} data-testid="open-timetable">
          {t('selection.timetable')}
        </Button>
      }
    >
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong data-testid="held-credits">
          {t('selection.creditsOfCap', { held, cap: window.creditCap })}
        </Typography.Text>
        <Progress
          percent={Math.min(100, Math.round((held / Math.max(window.creditCap, 1)) * 100))}
          showInfo={false}
          status={held >= window.creditCap ? 'success' : 'active'}
          size="small"
        />
      </div>
      <div data-testid="my-enrolments">
        {mine.length === 0 && <Typography.Text type="secondary">{t('selection.noEnrolments')}</Typography.Text>}
        <Row gutter={[12, 12]}>
          {mine.map((entry) => {
            const name = localName(entry, i18n.language);
            return (
              <Col xs={24} md={12} xxl={8} key={entry.id}>
                <Card size="small" type="inner" data-testid={`enrolment-${entry.sectionCode}`} styles={{ body: { padding: 12 } }}>
                  <Flex justify="space-between" align="start" gap={8} wrap>
                    <div style={{ minWidth: 0, flex: '1 1 180px' }}>
                      <Typography.Text strong>
                        {entry.courseCode} {name}
                      </Typography.Text>
                      <div>
                        <Typography.Text type="secondary">
                          {entry.sectionCode} · {t('builder.creditsShort', { credits: entry.credits })}
                          {entry.room ? ` · ${entry.room}` : ''}
                        </Typography.Text>
                      </div>
                      <div>
                        <Typography.Text type="secondary">{meetingText(entry.meetings)}</Typography.Text>
                      </div>
                    </div>
                    <EnrolmentStatus entry={entry} />
                  </Flex>
                  {entry.source !== 'assigned' && (
                    <Popconfirm
                      title={entry.status === 'enrolled' ? t('selection.confirmDrop', { name }) : t('selection.confirmLeave', { name })}
                      onConfirm={() => actions.run(entry.sectionId, entry.sectionCode, 'drop')}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                    >
                      <Button
                        danger
                        icon={<DeleteOutlined />}
                        loading={actions.pending.has(entry.sectionId)}
                        disabled={actions.pending.has(entry.sectionId)}
                        data-testid={`drop-${entry.sectionCode}`}
                        aria-label={t(entry.status === 'enrolled' ? 'selection.dropLabel' : 'selection.leaveLabel', {
                          code: entry.sectionCode,
                          name,
                        })}
                        style={{ marginTop: 8 }}
                      >
                        {entry.status === 'enrolled' ? t('selection.drop') : t('selection.leaveWaitlist')}
                      </Button>
                    </Popconfirm>
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      </div>
    </Card>
  );
}

function WindowCard({
  window,
  enrolments,
  actions,
  reload,
}: {
  window: StudentWindow;
  enrolments: Enrolment[];
  actions: Actions;
  reload: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useState<SectionFilter>(emptyFilter);
  const [grouping, setGrouping] = useState<Grouping>('course');

  const held = new Map(enrolments.filter((entry) => entry.termId === window.termId).map((entry) => [entry.sectionId, entry]));
  const canSelect =
    (window.mode === 'first_come' && window.phase === 'open') || (window.mode === 'lottery' && window.phase === 'adjusting');
  const canRank = window.mode === 'lottery' && window.phase === 'open';
  const shown = filterSections(window.sections, filter);
  const groups = groupSections(shown, grouping, i18n.language);
  const groupNames = [...new Set(window.sections.map((section) => section.ownerGroupName).filter((name): name is string => !!name))];
  const weekdays = [...new Set(window.sections.flatMap((section) => section.meetings.map((meeting) => meeting.weekday)))].sort();
  const layersOffered = [...new Set(window.sections.map((section) => section.layer))];
  const control = { width: phone ? '100%' : 180 };

  return (
    <Card
      size="small"
      data-testid={`window-${window.id}`}
      title={
        <Space wrap size={4}>
          <span style={{ whiteSpace: 'normal' }}>{window.name}</span>
          <ModeTag mode={window.mode} />
          <PhaseTag phase={window.phase} />
        </Space>
      }
      styles={{ header: { paddingBlock: 8 } }}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('windows.opensAt')}>{formatDateTime(window.opensAt)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.closesAt')}>{formatDateTime(window.closesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.dropDeadline')}>{formatDateTime(window.dropDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.creditCap')}>{window.creditCap}</Descriptions.Item>
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

      {canRank && <PreferencesForm window={window} onSaved={reload} />}

      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="section-filters">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('selection.filterText')}
          aria-label={t('selection.filterText')}
          value={filter.text}
          onChange={(event) => setFilter({ ...filter, text: event.target.value })}
          style={{ width: phone ? '100%' : 240 }}
          data-testid="filter-text"
        />
        <Select
          allowClear
          placeholder={t('selection.filterLayer')}
          aria-label={t('selection.filterLayer')}
          value={filter.layer}
          onChange={(layer) => setFilter({ ...filter, layer: layer ?? null })}
          options={layersOffered.map((layer) => ({ value: layer, label: t(`layer.${layer}`) }))}
          style={control}
          data-testid="filter-layer"
        />
        <Select
          allowClear
          placeholder={t('selection.filterGroup')}
          aria-label={t('selection.filterGroup')}
          value={filter.group}
          onChange={(group) => setFilter({ ...filter, group: group ?? null })}
          options={groupNames.map((name) => ({ value: name, label: name }))}
          style={control}
          data-testid="filter-group"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('selection.filterWeekday')}
          aria-label={t('selection.filterWeekday')}
          value={filter.weekdays}
          onChange={(days: number[]) => setFilter({ ...filter, weekdays: days })}
          options={weekdays.map((day) => ({ value: day, label: t(`weekday.${day}`) }))}
          style={{ width: phone ? '100%' : 220 }}
          data-testid="filter-weekday"
        />
        <Checkbox
          checked={filter.freeSeatsOnly}
          onChange={(event) => setFilter({ ...filter, freeSeatsOnly: event.target.checked })}
          data-testid="filter-free"
        >
          {t('selection.freeSeatsOnly')}
        </Checkbox>
        <Checkbox
          checked={filter.selectableOnly}
          onChange={(event) => setFilter({ ...filter, selectableOnly: event.target.checked })}
          data-testid="filter-selectable"
        >
          {t('selection.selectableOnly')}
        </Checkbox>
        <Flex align="center" gap={8} wrap>
          <Typography.Text type="secondary">{t('selection.groupBy')}</Typography.Text>
          <Segmented<Grouping>
            value={grouping}
            onChange={setGrouping}
            options={[
              { value: 'course', label: t('selection.groupByCourse') },
              { value: 'group', label: t('selection.groupByGroup') },
              { value: 'weekday', label: t('selection.groupByWeekday') },
            ]}
            data-testid="group-by"
          />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" data-testid="sections-shown">
        {t('selection.shown', { shown: shown.length, total: window.sections.length })}
      </Typography.Paragraph>
      <div data-testid="selection-sections">
        {groups.length === 0 && <Empty description={t('selection.noMatch')} />}
        {groups.map((group) => (
          <section key={group.key} data-testid={`section-group-${group.key}`} style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {group.weekday ? t(`weekday.${group.weekday}`) : group.title}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {group.sections.map((section) => (
                <Col xs={24} md={12} xxl={8} key={section.id}>
                  <SectionCard
                    section={section}
                    place={held.get(section.id)}
                    canSelect={canSelect}
                    actions={actions}
                    courseInTitle={grouping !== 'course'}
                  />
                </Col>
              ))}
            </Row>
          </section>
        ))}
      </div>
    </Card>
  );
}

/** One section as a card: course, time, room, seats as "29/30", and what the student can do with it (or why not). */
function SectionCard({
  section,
  place,
  canSelect,
  actions,
  courseInTitle,
}: {
  section: StudentWindowSection;
  place: Enrolment | undefined;
  canSelect: boolean;
  actions: Actions;
  /** False under a course's heading: the card names its section only. */
  courseInTitle: boolean;
}) {
  const { t, i18n } = useTranslation();
  const meetingText = useMeetingText();
  const name = localName(section, i18n.language);
  const left = Math.max(0, section.capacity - section.enrolledCount);
  const answer = actions.answers[section.id];
  const reasonId = `blocked-${section.id}`;
  const busy = actions.pending.has(section.id);

  let action: ReactNode = null;
  if (place) action = <EnrolmentStatus entry={place} />;
  else if (section.availability === 'blocked')
    action = (
      <>
        {canSelect && (
          <Button disabled data-testid={`select-${section.code}`} aria-describedby={reasonId}>
            {t('selection.unavailable')}
          </Button>
        )}
        <Typography.Text type="warning" id={reasonId} data-testid="blocked-reason">
          {section.blockedMessage}
        </Typography.Text>
      </>
    );
  else if (canSelect && section.availability === 'waitlist')
    action = (
      <Button
        loading={busy}
        disabled={busy}
        onClick={() => void actions.run(section.id, section.code, 'select')}
        data-testid={`select-${section.code}`}
        data-kind="waitlist"
        aria-label={t('selection.waitlistLabel', { code: section.code, name })}
      >
        {t('selection.waitlistButton', { count: section.waitlistCount })}
      </Button>
    );
  else if (canSelect)
    action = (
      <Button
        type="primary"
        loading={busy}
        disabled={busy}
        onClick={() => void actions.run(section.id, section.code, 'select')}
        data-testid={`select-${section.code}`}
        aria-label={t('selection.selectLabel', { code: section.code, name })}
      >
        {t('selection.select')}
      </Button>
    );

  return (
    <Card
      size="small"
      data-testid={`section-${section.code}`}
      data-availability={place ? 'held' : section.availability}
      styles={{ body: { padding: 12 } }}
      style={section.availability === 'blocked' && !place ? { background: 'rgba(0, 0, 0, 0.02)' } : undefined}
    >
      <Flex justify="space-between" align="start" gap={8} wrap>
        <div style={{ minWidth: 0, flex: '1 1 180px' }}>
          <Typography.Text strong>{courseInTitle ? `${section.courseCode} ${name}` : section.code}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <Space size={[4, 4]} wrap>
              <LayerTag layer={section.layer} />
              {section.crossGroup && (
                <Tag color="magenta" data-testid="cross-group">
                  {t('selection.crossGroup')}
                </Tag>
              )}
              {section.ownGroup && <Tag>{t('selection.ownGroup')}</Tag>}
            </Space>
          </div>
        </div>
        <Space size={4} wrap>
          <Tooltip
            title={t('sections.seatsDetail', {
              capacity: section.capacity,
              enrolled: section.enrolledCount,
              waitlisted: section.waitlistCount,
            })}
          >
            <Tag color={left > 0 ? 'green' : 'red'} data-testid="seats-left">
              {t('selection.seats', { left, capacity: section.capacity })}
            </Tag>
          </Tooltip>
          {section.waitlistCount > 0 && (
            <Tag color="orange" data-testid="waitlist-count">
              {t('sections.waitlistCount', { count: section.waitlistCount })}
            </Tag>
          )}
        </Space>
      </Flex>
      <div style={{ marginTop: 6 }}>
        <Typography.Text type="secondary">
          {courseInTitle ? `${section.code} · ` : ''}
          {t('builder.creditsShort', { credits: section.credits })}
          {section.room ? ` · ${section.room}` : ''}
          {section.ownerGroupName ? ` · ${t('selection.offeredBy', { name: section.ownerGroupName })}` : ''}
        </Typography.Text>
      </div>
      <div>
        <Typography.Text>{meetingText(section.meetings)}</Typography.Text>
      </div>
      {(action || answer) && (
        <Flex vertical gap={4} align="start" style={{ marginTop: 8 }}>
          {action}
          {answer && (
            <Typography.Text
              type={answer.kind === 'error' ? 'danger' : answer.kind === 'warning' ? 'warning' : 'success'}
              data-testid="section-answer"
            >
              {answer.text}
            </Typography.Text>
          )}
        </Flex>
      )}
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
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { colon, open, close } = marks(i18n.language);
  const [ranked, setRanked] = useState<number[]>(window.preferences);
  const [adding, setAdding] = useState<number | undefined>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<{ title: string; items: string[] } | null>(null);

  useEffect(() => {
    setRanked(window.preferences);
  }, [window.preferences]);

  const byId = useMemo(() => new Map(window.sections.map((section) => [section.id, section])), [window.sections]);
  // Sections the student may not choose are listed greyed out with the reason, not offered and refused later.
  const options = window.sections
    .filter((section) => !ranked.includes(section.id))
    .map((section) => ({
      value: section.id,
      disabled: section.availability === 'blocked',
      label: `${section.code} ${localName(section, i18n.language)}${open}${t('builder.creditsShort', { credits: section.credits })}${close}${
        section.availability === 'blocked' && section.blockedMessage ? `${colon}${section.blockedMessage}` : ''
      }`,
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
              (entry) => `${t('selection.choiceN', { rank: entry.rank ?? '?' })}${colon}${entry.message ?? ''}`,
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
      title={<span style={{ whiteSpace: 'normal' }}>{t('selection.preferences', { max: window.maxChoices })}</span>}
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
      {ranked.length === 0 && <Typography.Paragraph type="secondary">{t('selection.noPreferences')}</Typography.Paragraph>}
      <Flex vertical gap={8} data-testid="preference-list">
        {ranked.map((id, index) => {
          const section = byId.get(id);
          return (
            <Flex key={id} align="center" gap={8} wrap data-testid={`preference-${index + 1}`}>
              <Tag>{t('selection.choiceN', { rank: index + 1 })}</Tag>
              <Typography.Text style={{ flex: '1 1 160px', minWidth: 0 }}>
                {section ? `${section.code} ${localName(section, i18n.language)}` : id}
              </Typography.Text>
              <Space size={4}>
                <Button
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('selection.moveUp')}
                />
                <Button
                  icon={<ArrowDownOutlined />}
                  disabled={index === ranked.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('selection.moveDown')}
                />
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => setRanked((current) => current.filter((_, at) => at !== index))}
                  aria-label={t('builder.remove')}
                />
              </Space>
            </Flex>
          );
        })}
      </Flex>
      <Flex wrap gap={8} style={{ marginTop: 12 }}>
        <Select
          style={{ width: '100%', maxWidth: 420 }}
          placeholder={t('selection.addChoice')}
          aria-label={t('selection.addChoice')}
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
      </Flex>
    </Card>
  );
}
