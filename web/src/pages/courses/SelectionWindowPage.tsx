import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Input, Modal, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined, TeamOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import {
  api,
  errorMessage,
  type DrawResult,
  type DrawVerification,
  type Roster,
  type Term,
  type WindowDetail,
  type WindowSection,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { LayerTag, ModeTag, PhaseTag, useClusterTree, useMeetingText } from './shared.tsx';
import { formatDateTime } from '../../lib/format.ts';

export default function SelectionWindowPage() {
  const { id } = useParams();
  const windowId = Number(id);
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const meetingText = useMeetingText();
  const { groupShortName } = useClusterTree();
  const [window, setWindow] = useState<WindowDetail | null>(null);
  const [terms, setTerms] = useState<Term[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [roster, setRoster] = useState<WindowSection | null>(null);
  const [drawOpen, setDrawOpen] = useState(false);
  const [seed, setSeed] = useState('');
  const [drawing, setDrawing] = useState(false);
  const [drawResult, setDrawResult] = useState<DrawResult | null>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const [verification, setVerification] = useState<DrawVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(async () => {
    try {
      setWindow(await api.selectionWindow(windowId));
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [windowId]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api
      .terms()
      .then(setTerms)
      .catch(() => setTerms([]));
  }, []);

  const draw = async () => {
    setDrawing(true);
    setDrawError(null);
    try {
      const result = await api.drawWindow(windowId, seed.trim() || undefined);
      setDrawResult(result);
      setDrawOpen(false);
      message.success(t('windows.drawDone', { allocated: result.allocated, waitlisted: result.waitlisted }));
      await load();
    } catch (caught) {
      setDrawError(errorMessage(caught));
    } finally {
      setDrawing(false);
    }
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await api.verifyDraw(windowId));
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setVerifying(false);
    }
  };

  if (error && !window)
    return (
      <Result status="warning" title={error} extra={<Button onClick={() => navigate('/selection-windows')}>{t('windows.back')}</Button>} />
    );
  if (!window)
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );

  const canDraw = window.mode === 'lottery' && window.phase === 'awaiting_draw' && can('selection.manage');
  const totals = window.sections.reduce(
    (sum, section) => ({
      capacity: sum.capacity + section.capacity,
      enrolled: sum.enrolled + section.enrolledCount,
      waitlisted: sum.waitlisted + section.waitlistCount,
    }),
    { capacity: 0, enrolled: 0, waitlisted: 0 },
  );

  return (
    <PageCard
      title={
        <Space wrap>
          <span>{window.name}</span>
          <ModeTag mode={window.mode} />
          <PhaseTag phase={window.phase} />
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => navigate('/selection-windows')}>{t('windows.back')}</Button>
          {canDraw && (
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              onClick={() => {
                setDrawError(null);
                setDrawOpen(true);
              }}
              data-testid="draw-window"
            >
              {t('windows.draw')}
            </Button>
          )}
          {window.mode === 'lottery' && window.drawnAt && (
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="verify-draw">
              {t('windows.verify')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('windows.term')}>
          {terms.find((term) => term.id === window.termId)?.code ?? window.termId}
        </Descriptions.Item>
        <Descriptions.Item label={t('windows.cohorts')}>{window.cohortYears.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('windows.creditCap')}>{window.creditCap}</Descriptions.Item>
        <Descriptions.Item label={t('windows.opensAt')}>{formatDateTime(window.opensAt)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.closesAt')}>{formatDateTime(window.closesAt)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.dropDeadline')}>{formatDateTime(window.dropDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('windows.capacity')}>{totals.capacity}</Descriptions.Item>
        <Descriptions.Item label={t('windows.enrolled')}>{totals.enrolled}</Descriptions.Item>
        <Descriptions.Item label={t('windows.waitlisted')}>{totals.waitlisted}</Descriptions.Item>
        {window.mode === 'lottery' && (
          <>
            <Descriptions.Item label={t('windows.maxChoices')}>{window.maxChoices}</Descriptions.Item>
            <Descriptions.Item label={t('windows.maxCourses')}>{window.maxCourses}</Descriptions.Item>
            <Descriptions.Item label={t('windows.drawnAt')}>{formatDateTime(window.drawnAt)}</Descriptions.Item>
          </>
        )}
        {window.lotterySeed && (
          <Descriptions.Item label={t('windows.seed')} span={3}>
            <Typography.Text code copyable>
              {window.lotterySeed}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {window.resultHash && (
          <Descriptions.Item label={t('windows.resultHash')} span={3}>
            <Typography.Text code style={{ fontSize: 12 }}>
              {window.resultHash}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {drawResult && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="draw-result"
          title={t('windows.drawSummary', {
            students: drawResult.students,
            allocated: drawResult.allocated,
            waitlisted: drawResult.waitlisted,
          })}
        />
      )}
      {verification && (
        <Alert
          type={verification.matches ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="draw-verification"
          title={verification.matches ? t('windows.verifyOk') : t('windows.verifyMismatch')}
          description={
            <Typography.Text code style={{ fontSize: 12 }}>
              {verification.recomputedResultHash}
            </Typography.Text>
          }
        />
      )}
      <Table<WindowSection>
        size="middle"
        rowKey="id"
        dataSource={window.sections}
        pagination={false}
        data-testid="window-sections"
        scroll={{ x: 1300 }}
        columns={[
          { title: t('sections.code'), dataIndex: 'code', width: 110, fixed: 'left' },
          { title: t('sections.course'), key: 'course', render: (_, row) => `${row.courseCode} ${row.courseName}` },
          { title: t('courses.layer'), dataIndex: 'layer', width: 100, render: (layer) => <LayerTag layer={layer} /> },
          {
            title: t('courses.owner'),
            dataIndex: 'ownerGroupId',
            width: 90,
            render: (value: number | null) => (value === null ? t('courses.clusterShared') : (groupShortName(value) ?? value)),
          },
          { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
          { title: t('sections.schedule'), key: 'schedule', width: 210, render: (_, row) => meetingText(row.meetings) },
          { title: t('sections.room'), dataIndex: 'room', width: 110, render: (room: string | null) => room ?? '—' },
          { title: t('windows.capacity'), dataIndex: 'capacity', width: 104, align: 'right' },
          { title: t('windows.enrolled'), dataIndex: 'enrolledCount', width: 104, align: 'right' },
          { title: t('windows.waitlisted'), dataIndex: 'waitlistCount', width: 104, align: 'right' },
          {
            title: t('sections.seatsLeftColumn'),
            key: 'seatsLeft',
            width: 80,
            align: 'right',
            render: (_, row) => (
              <Tag color={row.capacity - row.enrolledCount > 0 ? 'green' : 'red'}>{Math.max(0, row.capacity - row.enrolledCount)}</Tag>
            ),
          },
          {
            title: '',
            key: 'roster',
            width: 90,
            fixed: 'right',
            render: (_, row) => (
              <Button size="small" icon={<TeamOutlined />} onClick={() => setRoster(row)} data-testid={`roster-${row.code}`}>
                {t('windows.roster')}
              </Button>
            ),
          },
        ]}
      />
      <RosterDrawer section={roster} onClose={() => setRoster(null)} />
      <Modal
        open={drawOpen}
        title={t('windows.draw')}
        onCancel={() => setDrawOpen(false)}
        onOk={() => void draw()}
        confirmLoading={drawing}
        okText={t('windows.drawConfirm')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph>{t('windows.drawExplain')}</Typography.Paragraph>
        <Input
          value={seed}
          onChange={(event) => setSeed(event.target.value)}
          placeholder={t('windows.seedPlaceholder')}
          maxLength={128}
          data-testid="draw-seed"
        />
        {drawError && <Alert type="error" showIcon title={drawError} style={{ marginTop: 12 }} />}
      </Modal>
    </PageCard>
  );
}

function RosterDrawer({ section, onClose }: { section: WindowSection | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!section) return;
    let cancelled = false;
    setRoster(null);
    setError(null);
    api
      .roster(section.id)
      .then((result) => {
        if (!cancelled) setRoster(result);
      })
      .catch((caught) => {
        if (!cancelled) setError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [section]);

  return (
    <Drawer
      open={section !== null}
      onClose={onClose}
      title={section ? t('windows.rosterTitle', { code: section.code, name: section.courseName }) : ''}
      size={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!error && !roster && <Spin />}
      {roster && (
        <div data-testid="roster">
          <Typography.Title level={5}>
            {t('windows.rosterEnrolled', { count: roster.enrolled.length, capacity: roster.capacity })}
          </Typography.Title>
          <Table
            size="small"
            rowKey="enrolmentId"
            pagination={false}
            dataSource={roster.enrolled}
            data-testid="roster-enrolled"
            columns={[
              { title: t('students.studentNo'), dataIndex: 'studentNo', width: 150 },
              { title: t('students.name'), dataIndex: 'name', width: 90 },
              { title: t('students.major'), dataIndex: 'majorName' },
              {
                title: t('windows.source'),
                dataIndex: 'source',
                width: 100,
                render: (source: string) => t(`enrolmentSource.${source}`, { defaultValue: source }),
              },
              { title: t('windows.at'), dataIndex: 'at', width: 140, render: formatDateTime },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('windows.rosterWaitlist', { count: roster.waitlist.length })}
          </Typography.Title>
          <Table
            size="small"
            rowKey="enrolmentId"
            pagination={false}
            dataSource={roster.waitlist}
            data-testid="roster-waitlist"
            columns={[
              { title: t('windows.position'), dataIndex: 'position', width: 70 },
              { title: t('students.studentNo'), dataIndex: 'studentNo', width: 150 },
              { title: t('students.name'), dataIndex: 'name', width: 90 },
              { title: t('students.major'), dataIndex: 'majorName' },
              { title: t('windows.at'), dataIndex: 'at', width: 140, render: formatDateTime },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}
