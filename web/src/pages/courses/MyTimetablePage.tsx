import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Empty, Select, Space, Spin, Table, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLatest } from '../../lib/hooks.ts';
import { useSearchParams } from 'react-router-dom';
import { api, errorMessage, type Enrolment } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useMeetingText } from './shared.tsx';
import { round1 } from '../../lib/format.ts';
import { clustersOf } from './timetable.ts';

export default function MyTimetablePage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const meetingText = useMeetingText();
  const [params, setParams] = useSearchParams();
  const [termOptions, setTermOptions] = useState<{ value: number; label: string }[] | null>(null);
  const [items, setItems] = useState<Enrolment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const termId = Number(params.get('termId')) || undefined;

  // Terms to choose from: those of the open selection windows and of the student's places and credits.
  // Runs once: later changes of the chosen term come from the select.
  const once = useLatest({ t, termId, setParams });
  useEffect(() => {
    const { t, termId, setParams } = once.current;
    let cancelled = false;
    Promise.allSettled([api.mySelection(), api.myProgress()]).then(([selection, progress]) => {
      if (cancelled) return;
      const labels = new Map<number, string>();
      if (progress.status === 'fulfilled')
        for (const entry of progress.value.progress?.earned ?? []) if (entry.termCode) labels.set(entry.termId, entry.termCode);
      const options = new Map<number, string>();
      let preferred: number | undefined;
      if (selection.status === 'fulfilled') {
        for (const window of selection.value.windows) {
          options.set(window.termId, labels.get(window.termId) ?? t('timetable.termOfWindow', { name: window.name }));
          if (preferred === undefined && window.phase !== 'upcoming') preferred = window.termId;
        }
        for (const entry of selection.value.enrolments)
          if (!options.has(entry.termId)) options.set(entry.termId, labels.get(entry.termId) ?? t('timetable.termN', { id: entry.termId }));
        preferred ??= selection.value.windows[0]?.termId ?? Math.max(0, ...selection.value.enrolments.map((entry) => entry.termId));
      } else {
        setError(errorMessage(selection.reason));
      }
      setTermOptions([...options.entries()].sort((a, b) => b[0] - a[0]).map(([value, label]) => ({ value, label })));
      if (!termId && preferred) setParams({ termId: String(preferred) }, { replace: true });
    });
    return () => {
      cancelled = true;
    };
  }, [once]);

  useEffect(() => {
    if (!termId) return;
    let cancelled = false;
    setItems(null);
    api
      .myTimetable(termId)
      .then((result) => {
        if (!cancelled) {
          setItems(result.items);
          setError(null);
        }
      })
      .catch((caught) => {
        if (!cancelled) setError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [termId]);

  const grid = useMemo(() => {
    const entries = items ?? [];
    const meetings = entries.flatMap((entry) => entry.meetings);
    const weekend = meetings.some((meeting) => meeting.weekday >= 6);
    const days = weekend ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5];
    const periods = Math.max(12, ...meetings.map((meeting) => meeting.lastPeriod));
    return { days, periods, clusters: new Map(days.map((day) => [day, clustersOf(entries, day)])) };
  }, [items]);

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
              {entry.courseName}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {entry.sectionCode}
              {entry.room ? ` · ${entry.room}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('timetable.weeks', { first: meeting.firstWeek, last: meeting.lastWeek })}
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

  const totalCredits = round1((items ?? []).reduce((total, entry) => total + entry.credits, 0));

  return (
    <PageCard
      title={t('timetable.title')}
      extra={
        <Space>
          <span>{t('timetable.term')}</span>
          <Select
            style={{ width: 320 }}
            loading={termOptions === null}
            value={termId}
            onChange={(value: number) => setParams({ termId: String(value) })}
            options={termOptions ?? []}
            data-testid="timetable-term"
          />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {termOptions !== null && !termId && <Empty description={t('timetable.noTerm')} />}
      {termId && items === null && !error && <Spin />}
      {items && (
        <>
          {items.length === 0 && <Alert type="info" showIcon title={t('timetable.empty')} style={{ marginBottom: 12 }} />}
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="timetable-grid" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', minWidth: 760 }}>
              <thead>
                <tr>
                  <th
                    style={{
                      width: 64,
                      border: `1px solid ${token.colorBorderSecondary}`,
                      background: token.colorFillQuaternary,
                      padding: 6,
                    }}
                  >
                    {t('timetable.period')}
                  </th>
                  {grid.days.map((day) => (
                    <th
                      key={day}
                      style={{ border: `1px solid ${token.colorBorderSecondary}`, background: token.colorFillQuaternary, padding: 6 }}
                    >
                      {t(`weekday.${day}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: grid.periods }, (_, index) => index + 1).map((period) => (
                  <tr key={period}>
                    <td
                      style={{
                        border: `1px solid ${token.colorBorderSecondary}`,
                        textAlign: 'center',
                        color: token.colorTextSecondary,
                        fontSize: 12,
                      }}
                    >
                      {t('timetable.periodN', { period })}
                    </td>
                    {grid.days.map((day) => cell(day, period))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('timetable.list', { count: items.length, credits: totalCredits })}
          </Typography.Title>
          <Table<Enrolment>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="timetable-list"
            columns={[
              { title: t('sections.code'), dataIndex: 'sectionCode', width: 120 },
              { title: t('sections.course'), key: 'course', render: (_, row) => `${row.courseCode} ${row.courseName}` },
              { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
              { title: t('sections.schedule'), key: 'schedule', render: (_, row) => meetingText(row.meetings) },
              { title: t('sections.room'), dataIndex: 'room', width: 120, render: (room: string | null) => room ?? '—' },
            ]}
          />
        </>
      )}
    </PageCard>
  );
}
