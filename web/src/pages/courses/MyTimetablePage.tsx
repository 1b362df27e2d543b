import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Grid, Row, Select, Space, Spin, Tag, Typography, theme } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, errorMessage, type Answer, type Meeting } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { LayerTag, useMeetingText } from './shared.tsx';
import { round1 } from '../../lib/format.ts';
import { clustersOf, dayList, localName } from './timetable.ts';

type Timetable = Answer<'/api/me/timetable'>;
type Item = Timetable['items'][number];
type PeriodTime = Timetable['periods'][number];

/** The clock times of a meeting, from the period timetable: "10:00–11:40" (empty when a period has no time). */
function timesOf(meeting: Meeting, periods: PeriodTime[]): string {
  const first = periods.find((entry) => entry.period === meeting.firstPeriod);
  const last = periods.find((entry) => entry.period === meeting.lastPeriod);
  return first && last ? `${first.startsAt}–${last.endsAt}` : '';
}

export default function MyTimetablePage() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const phone = Grid.useBreakpoint().md === false;
  const meetingText = useMeetingText();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Timetable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const termId = Number(params.get('termId')) || undefined;

  // Without a term in the address the server picks one (an open selection window's, else the current term).
  useEffect(() => {
    let cancelled = false;
    setData(null);
    api
      .myTimetable(termId)
      .then((result) => {
        if (cancelled) return;
        setData(result);
        setError(null);
        if (!termId && result.termId) setParams({ termId: String(result.termId) }, { replace: true });
      })
      .catch((caught) => {
        if (!cancelled) setError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [termId, setParams, i18n.language]);

  const items = useMemo(() => data?.items ?? [], [data]);
  const periods = useMemo(() => data?.periods ?? [], [data]);
  const grid = useMemo(() => {
    const meetings = items.flatMap((entry) => entry.meetings);
    const weekend = meetings.some((meeting) => meeting.weekday >= 6);
    const days = weekend ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5];
    const count = Math.max(12, periods.length, ...meetings.map((meeting) => meeting.lastPeriod));
    return { days, periods: count, clusters: new Map(days.map((day) => [day, clustersOf(items, day)])) };
  }, [items, periods]);

  const kindTag = (entry: Item) =>
    entry.kind === 'required' ? (
      <Tag color="blue" data-testid="kind-required">
        {t('timetable.required')}
      </Tag>
    ) : (
      <Tag color="magenta" data-testid="kind-elective">
        {t('timetable.elective')}
      </Tag>
    );

  const cell = (day: number, period: number): ReactNode => {
    const clusters = grid.clusters.get(day) ?? [];
    const covering = clusters.find((cluster) => cluster.first <= period && period <= cluster.last);
    if (covering && covering.first !== period) return null; // spanned by the cell above
    if (!covering) return <td key={day} style={{ border: `1px solid ${token.colorBorderSecondary}`, height: 34 }} />;
    return (
      <td
        key={day}
        rowSpan={covering.last - covering.first + 1}
        style={{ border: `1px solid ${token.colorBorderSecondary}`, padding: 4, verticalAlign: 'top', background: token.colorPrimaryBg }}
      >
        {covering.blocks.map(({ entry, meeting }, index) => (
          <div
            key={`${entry.id}-${index}`}
            data-testid="timetable-block"
            style={{ borderLeft: `3px solid ${token.colorPrimary}`, paddingLeft: 6, marginBottom: 4 }}
          >
            <Typography.Text strong style={{ display: 'block', fontSize: 13 }}>
              {localName(entry, i18n.language)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {entry.sectionCode}
              {entry.room ? ` · ${entry.room}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {timesOf(meeting, periods)} · {t('timetable.weeks', { first: meeting.firstWeek, last: meeting.lastWeek })}
            </Typography.Text>
          </div>
        ))}
        {covering.blocks.length > 1 && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('timetable.clash')}
          </Typography.Text>
        )}
      </td>
    );
  };

  const weekGrid = (
    <table data-testid="timetable-grid" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <thead>
        <tr>
          <th style={{ width: 92, border: `1px solid ${token.colorBorderSecondary}`, background: token.colorFillQuaternary, padding: 6 }}>
            {t('timetable.period')}
          </th>
          {grid.days.map((day) => (
            <th key={day} style={{ border: `1px solid ${token.colorBorderSecondary}`, background: token.colorFillQuaternary, padding: 6 }}>
              {t(`weekday.${day}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: grid.periods }, (_, index) => index + 1).map((period) => {
          const time = periods.find((entry) => entry.period === period);
          return (
            <tr key={period}>
              <td
                style={{
                  border: `1px solid ${token.colorBorderSecondary}`,
                  textAlign: 'center',
                  color: token.colorTextSecondary,
                  fontSize: 12,
                  padding: 2,
                }}
              >
                <div>{t('timetable.periodN', { period })}</div>
                {time && <div data-testid="period-time">{t('timetable.periodTime', { start: time.startsAt, end: time.endsAt })}</div>}
              </td>
              {grid.days.map((day) => cell(day, period))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  // On a phone: the week as a list of days, each class with its clock times.
  const days = dayList(items);
  const phoneDays = (
    <div data-testid="timetable-days">
      {days.length === 0 && <Typography.Text type="secondary">{t('timetable.noClasses')}</Typography.Text>}
      {days.map((day) => (
        <section key={day.weekday} data-testid={`timetable-day-${day.weekday}`} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t(`weekday.${day.weekday}`)}
          </Typography.Title>
          <Flex vertical gap={8}>
            {day.blocks.map(({ entry, meeting }, index) => (
              <Card
                key={`${entry.id}-${index}`}
                size="small"
                data-testid="timetable-block"
                styles={{ body: { padding: 12 } }}
                style={{ borderLeft: `3px solid ${token.colorPrimary}` }}
              >
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{timesOf(meeting, periods)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('timetable.periodsOf', { first: meeting.firstPeriod, last: meeting.lastPeriod })}
                  </Typography.Text>
                </Flex>
                <div>
                  <Typography.Text strong>{localName(entry, i18n.language)}</Typography.Text> {kindTag(entry)}
                </div>
                <Typography.Text type="secondary">
                  {entry.sectionCode}
                  {entry.room ? ` · ${entry.room}` : ''} · {t('timetable.weeks', { first: meeting.firstWeek, last: meeting.lastWeek })}
                </Typography.Text>
              </Card>
            ))}
          </Flex>
        </section>
      ))}
    </div>
  );

  const unscheduled = data?.unscheduled ?? [];
  const totalCredits = round1([...items, ...unscheduled].reduce((total, entry) => total + entry.credits, 0));

  return (
    <PageCard title={t('timetable.title')}>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('timetable.term')}</Typography.Text>
        <Select
          style={{ width: phone ? '100%' : 380 }}
          popupMatchSelectWidth={false}
          loading={data === null && !error}
          value={data?.termId ?? termId}
          onChange={(value: number) => setParams({ termId: String(value) })}
          options={(data?.terms ?? []).map((term) => ({
            value: term.id,
            name: term.name,
            label: term.programmeTermNo >= 1 ? t('timetable.termOption', { name: term.name, n: term.programmeTermNo }) : term.name,
          }))}
          // The box shows the term's whole name; which term of the programme it is stands beside it.
          labelRender={({ value }) => data?.terms.find((term) => term.id === value)?.name ?? value}
          aria-label={t('timetable.term')}
          data-testid="timetable-term"
        />
        {data?.term && data.term.programmeTermNo >= 1 && (
          <Tag data-testid="programme-term">{t('timetable.yourTerm', { n: data.term.programmeTermNo })}</Tag>
        )}
        {data?.termId && (
          <Button
            icon={<DownloadOutlined />}
            href={`/api/me/timetable.ics?termId=${data.termId}`}
            download
            data-testid="export-ics"
            style={phone ? { width: '100%' } : undefined}
          >
            {t('timetable.exportIcs')}
          </Button>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {data === null && !error && <Spin />}
      {data && !data.termId && <Empty description={t('timetable.noTerm')} />}
      {data?.termId && (
        <>
          {items.length === 0 && <Alert type="info" showIcon title={t('timetable.empty')} style={{ marginBottom: 12 }} />}
          {phone ? phoneDays : weekGrid}
          {unscheduled.length > 0 && (
            <Card
              size="small"
              style={{ marginTop: 16 }}
              data-testid="timetable-unscheduled"
              title={<span style={{ whiteSpace: 'normal' }}>{t('timetable.unscheduledTitle')}</span>}
            >
              <Typography.Paragraph type="secondary">{t('timetable.unscheduledNote')}</Typography.Paragraph>
              <Flex vertical gap={4}>
                {unscheduled.map((course) => (
                  <Flex key={course.courseId} gap={8} wrap align="center" data-testid={`unscheduled-${course.courseCode}`}>
                    <Typography.Text>
                      {course.courseCode} {localName(course, i18n.language)}
                    </Typography.Text>
                    <LayerTag layer={course.layer} />
                    <Typography.Text type="secondary">{t('builder.creditsShort', { credits: course.credits })}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            </Card>
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('timetable.list', { count: items.length + unscheduled.length, credits: totalCredits })}
          </Typography.Title>
          <Row gutter={[12, 12]} data-testid="timetable-list">
            {items.map((entry) => (
              <Col xs={24} md={12} xl={8} key={entry.id}>
                <Card size="small" data-testid={`timetable-item-${entry.sectionCode}`} styles={{ body: { padding: 12 } }}>
                  <Space size={4} wrap>
                    <Typography.Text strong>
                      {entry.courseCode} {localName(entry, i18n.language)}
                    </Typography.Text>
                    {kindTag(entry)}
                  </Space>
                  <div>
                    <Typography.Text type="secondary">
                      {entry.sectionCode} · {t('builder.creditsShort', { credits: entry.credits })}
                      {entry.room ? ` · ${entry.room}` : ''}
                    </Typography.Text>
                  </div>
                  <Typography.Text>{meetingText(entry.meetings)}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </PageCard>
  );
}
