import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { CopyOutlined, DeleteOutlined, DownloadOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLatest } from '../../lib/hooks.ts';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import {
  api,
  ApiError,
  downloads,
  errorMessage,
  type Course,
  type CourseLayer,
  type GroupRef,
  type ProgrammeAction,
  type ProgrammeChoice,
  type ProgrammeDetail,
  type ProgrammeItem,
  type ProgrammeTexts,
  type RuleCheck,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { CopyProgrammeModal } from './ProgrammeModals.tsx';
import { CopyReportAlert, ProgrammeTextsEditor } from './ProgrammeDocumentParts.tsx';
import { RulePanel } from './RulePanel.tsx';
import { LayerTag, layers, ProgrammeStatusTag } from './shared.tsx';
import { formatDateTime, marks, round1 } from '../../lib/format.ts';

/** One course of the composition being edited (saved, or just added from the pool). */
type Draft = Pick<
  ProgrammeItem,
  | 'courseId'
  | 'code'
  | 'name'
  | 'nameEn'
  | 'credits'
  | 'theoryHours'
  | 'practiceHours'
  | 'layer'
  | 'moduleType'
  | 'ownerGroupId'
  | 'termNo'
  | 'isElective'
> & { versionNo?: number; latestVersionNo?: number };

interface ActionError {
  message: string;
  details: string[];
}

const draftOf = (item: ProgrammeItem): Draft => ({
  courseId: item.courseId,
  code: item.code,
  name: item.name,
  nameEn: item.nameEn,
  credits: item.credits,
  theoryHours: item.theoryHours,
  practiceHours: item.practiceHours,
  layer: item.layer,
  moduleType: item.moduleType,
  ownerGroupId: item.ownerGroupId,
  termNo: item.termNo,
  isElective: item.isElective,
  versionNo: item.versionNo,
  latestVersionNo: item.latestVersionNo,
});

const choicesOf = (drafts: Draft[]): ProgrammeChoice[] =>
  drafts.map((draft) => ({ courseId: draft.courseId, termNo: draft.termNo, isElective: draft.isElective }));

function sortDrafts(drafts: Draft[]): Draft[] {
  return [...drafts].sort((a, b) => a.termNo - b.termNo || Number(a.isElective) - Number(b.isElective) || a.code.localeCompare(b.code));
}

/** Every published course of the pool (the API pages at 200). */
async function loadPool(): Promise<{ courses: Course[]; groups: GroupRef[] }> {
  const first = await api.courses({ status: 'published', page: 1, pageSize: 200 });
  const courses = [...first.items];
  for (let page = 2; courses.length < first.total && page <= 20; page += 1)
    courses.push(...(await api.courses({ status: 'published', page, pageSize: 200 })).items);
  return { courses, groups: first.groups };
}

function detailsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as Array<{ message?: string }>).map((entry) => entry.message ?? '').filter(Boolean);
}

export default function ProgrammeBuilderPage() {
  const { id } = useParams();
  const programmeId = Number(id);
  const { t, i18n } = useTranslation();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const [programme, setProgramme] = useState<ProgrammeDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [graduationCredits, setGraduationCredits] = useState<number>(0);
  const [electiveCredits, setElectiveCredits] = useState<number>(0);
  const [texts, setTexts] = useState<ProgrammeTexts | null>(null);
  const [check, setCheck] = useState<RuleCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [pool, setPool] = useState<Course[]>([]);
  const [groups, setGroups] = useState<GroupRef[]>([]);
  const [poolLayer, setPoolLayer] = useState<CourseLayer | 'all'>('all');
  const [picked, setPicked] = useState<number[]>([]);
  const [addTerm, setAddTerm] = useState(1);
  const [addElective, setAddElective] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ActionError | null>(null);
  const [copying, setCopying] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');

  /** The composition key the shown check belongs to (so an unchanged composition is not checked again). */
  const checkedKey = useRef('');
  const checkSeq = useRef(0);

  const adopt = useCallback((detail: ProgrammeDetail) => {
    setProgramme(detail);
    const next = sortDrafts(detail.items.map(draftOf));
    setDrafts(next);
    setGraduationCredits(detail.graduationCredits);
    setElectiveCredits(detail.electiveCreditsRequired);
    setTexts(detail.texts);
    setCheck(detail.check);
    setCheckError(null);
    checkedKey.current = JSON.stringify([choicesOf(next), detail.graduationCredits, detail.electiveCreditsRequired]);
  }, []);

  useEffect(() => {
    let cancelled = false;
    setProgramme(null);
    setLoadError(null);
    setActionError(null);
    api
      .programme(programmeId)
      .then((detail) => {
        if (!cancelled) adopt(detail);
      })
      .catch((caught) => {
        if (!cancelled) setLoadError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [programmeId, adopt]);

  const editable = Boolean(programme && programme.status === 'draft' && can('programme.edit'));

  // The pool feeds the course picker (drafts) and the group names (every view).
  const readsPool = can('course.read');
  useEffect(() => {
    if (!readsPool) return;
    let cancelled = false;
    loadPool()
      .then((result) => {
        if (!cancelled) {
          setPool(result.courses);
          setGroups(result.groups);
        }
      })
      .catch((caught) => {
        if (!cancelled) setCheckError(errorMessage(caught));
      });
    return () => {
      cancelled = true;
    };
  }, [readsPool]);

  const key = JSON.stringify([choicesOf(drafts), graduationCredits, electiveCredits]);
  const savedKey = programme
    ? JSON.stringify([choicesOf(sortDrafts(programme.items.map(draftOf))), programme.graduationCredits, programme.electiveCreditsRequired])
    : '';
  const dirty =
    Boolean(programme) &&
    (JSON.stringify([choicesOf(sortDrafts(drafts)), graduationCredits, electiveCredits]) !== savedKey ||
      JSON.stringify(texts) !== JSON.stringify(programme?.texts));

  // The live rule panel: every change is checked on the server (debounced), nothing is saved.
  // `key` stands for the drafts and the two settings; the check reads them as they are when it runs.
  const composition = useLatest({ drafts, graduationCredits, electiveCredits });
  useEffect(() => {
    const { drafts, graduationCredits, electiveCredits } = composition.current;
    if (!programme) return;
    if (key === checkedKey.current) {
      // Saved or reloaded: the server's check of that state is already shown; drop any check under way.
      checkSeq.current += 1;
      setChecking(false);
      return;
    }
    const seq = ++checkSeq.current;
    setChecking(true);
    const timer = setTimeout(() => {
      api
        .checkProgramme(programme.id, {
          courses: choicesOf(drafts),
          graduationCredits: graduationCredits || undefined,
          electiveCreditsRequired: electiveCredits,
        })
        .then((result) => {
          if (seq !== checkSeq.current) return;
          checkedKey.current = key;
          setCheck(result);
          setCheckError(null);
        })
        .catch((caught) => {
          if (seq === checkSeq.current) setCheckError(errorMessage(caught));
        })
        .finally(() => {
          if (seq === checkSeq.current) setChecking(false);
        });
    }, 400);
    return () => clearTimeout(timer);
  }, [key, programme, composition]);

  // Leaving with unsaved changes asks first: another page of the app (the side menu, a link, back) through the
  // router's blocker, a reload or a closed tab through the browser's own question.
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname && nextLocation.pathname !== '/login',
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const groupId = programme?.groupId ?? null;
  const isCrossGroup = (draft: Pick<Draft, 'layer' | 'ownerGroupId'>) =>
    draft.layer === 'extension' && draft.ownerGroupId !== null && draft.ownerGroupId !== groupId;
  const groupLabel = (ownerGroupId: number | null) => {
    if (ownerGroupId === null) return t('courses.clusterShared');
    const group = groups.find((entry) => entry.id === ownerGroupId);
    return group ? (group.shortName ?? group.name) : ownerGroupId === groupId ? (programme?.major?.groupName ?? '') : String(ownerGroupId);
  };
  const courseName = useCallback(
    (draft: Pick<Draft, 'name' | 'nameEn'>) => (i18n.language === 'en' && draft.nameEn ? draft.nameEn : draft.name),
    [i18n.language],
  );

  const inComposition = useMemo(() => new Set(drafts.map((draft) => draft.courseId)), [drafts]);
  const poolOptions = useMemo(
    () =>
      pool
        .filter((course) => !inComposition.has(course.id) && (poolLayer === 'all' || course.layer === poolLayer))
        .map((course) => ({
          value: course.id,
          label: `${course.code} ${courseName(course)}${marks(i18n.language).paren(t('builder.creditsShort', { credits: course.credits }))}`,
          title: `${course.code} ${course.name}`,
        })),
    [pool, inComposition, poolLayer, courseName, t, i18n.language],
  );

  const addPicked = () => {
    const chosen = pool.filter((course) => picked.includes(course.id) && !inComposition.has(course.id));
    if (chosen.length === 0) return;
    setDrafts((current) =>
      sortDrafts([
        ...current,
        ...chosen.map((course): Draft => ({
          courseId: course.id,
          code: course.code,
          name: course.name,
          nameEn: course.nameEn,
          credits: course.credits,
          theoryHours: course.theoryHours,
          practiceHours: course.practiceHours,
          layer: course.layer,
          moduleType: course.moduleType,
          ownerGroupId: course.ownerGroupId,
          termNo: addTerm,
          isElective: addElective,
        })),
      ]),
    );
    setPicked([]);
  };

  const update = (courseId: number, patch: Partial<Pick<Draft, 'termNo' | 'isElective'>>) =>
    setDrafts((current) => sortDrafts(current.map((draft) => (draft.courseId === courseId ? { ...draft, ...patch } : draft))));
  const remove = (courseId: number) => setDrafts((current) => current.filter((draft) => draft.courseId !== courseId));

  const save = async (quiet = false): Promise<ProgrammeDetail | null> => {
    if (!programme) return null;
    setBusy('save');
    setActionError(null);
    try {
      const saved = await api.saveProgramme(programme.id, {
        revision: programme.revision,
        graduationCredits,
        electiveCreditsRequired: electiveCredits,
        courses: choicesOf(drafts),
        texts: texts ?? undefined,
      });
      adopt(saved);
      if (!quiet) message.success(t('builder.saved'));
      return saved;
    } catch (caught) {
      setActionError({ message: errorMessage(caught), details: detailsOf(caught) });
      return null;
    } finally {
      setBusy(null);
    }
  };

  const transition = async (action: ProgrammeAction, note?: string) => {
    if (!programme) return;
    setActionError(null);
    // Submitting sends what is on screen: unsaved changes are saved first.
    if (action === 'submit' && dirty && !(await save(true))) return;
    setBusy(action);
    try {
      const next = await api.transitionProgramme(programme.id, action, note);
      adopt(next);
      message.success(t(`builder.done.${action}`));
    } catch (caught) {
      setActionError({ message: errorMessage(caught), details: detailsOf(caught) });
    } finally {
      setBusy(null);
    }
  };

  // A draft goes away at its author's or 教务's hand (the server checks the same).
  const deletable = Boolean(
    programme &&
    programme.status === 'draft' &&
    (can('programme.approve') || (can('programme.edit') && me?.userId === programme.createdBy)),
  );
  const deleteDraft = async () => {
    if (!programme) return;
    setBusy('delete');
    setActionError(null);
    try {
      await api.deleteProgramme(programme.id, programme.revision);
      message.success(t('builder.delete.done'));
      leaving.current = true;
      navigate('/programmes');
    } catch (caught) {
      setActionError({ message: errorMessage(caught), details: detailsOf(caught) });
    } finally {
      setBusy(null);
    }
  };

  if (loadError)
    return (
      <Result
        status="warning"
        title={loadError}
        extra={<Button onClick={() => navigate('/programmes')}>{t('builder.backToList')}</Button>}
      />
    );
  if (!programme)
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );

  const rules = programme.rules;
  const termNumbers = Array.from({ length: rules.termCount }, (_, index) => index + 1);
  const outside = drafts.filter((draft) => draft.termNo < 1 || draft.termNo > rules.termCount);
  const problemCodes = new Set((check?.results ?? []).filter((result) => result.status !== 'ok').flatMap((result) => result.courses ?? []));

  const termTable = (rows: Draft[]) => (
    <Table<Draft>
      size="small"
      rowKey="courseId"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('builder.termEmpty') }}
      onRow={(row) => ({ 'data-testid': `item-${row.code}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('courses.code'),
          dataIndex: 'code',
          width: 86,
          onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
          render: (code: string) => <Typography.Text type={problemCodes.has(code) ? 'danger' : undefined}>{code}</Typography.Text>,
        },
        {
          title: t('courses.name'),
          key: 'name',
          onCell: () => ({ style: { minWidth: 150 } }),
          render: (_, row) => (
            <Space size={4} wrap>
              <span>{courseName(row)}</span>
              {row.versionNo && row.latestVersionNo && row.versionNo < row.latestVersionNo && (
                <Tooltip title={t('builder.olderVersion', { version: row.versionNo, latest: row.latestVersionNo })}>
                  <Tag color="orange">v{row.versionNo}</Tag>
                </Tooltip>
              )}
            </Space>
          ),
        },
        {
          title: t('courses.layer'),
          key: 'layer',
          width: 150,
          render: (_, row) => (
            <Space size={2} wrap>
              <LayerTag layer={row.layer} />
              {row.layer !== 'shared' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {groupLabel(row.ownerGroupId)}
                </Typography.Text>
              )}
              {isCrossGroup(row) && <Tag color="magenta">{t('builder.crossGroup')}</Tag>}
            </Space>
          ),
        },
        { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
        { title: t('builder.hoursColumn'), key: 'hours', width: 80, render: (_, row) => `${row.theoryHours}/${row.practiceHours}` },
        {
          title: t('builder.elective'),
          key: 'isElective',
          width: 60,
          align: 'center',
          render: (_, row) =>
            editable ? (
              <Checkbox
                checked={row.isElective}
                onChange={(event) => update(row.courseId, { isElective: event.target.checked })}
                data-testid={`elective-${row.code}`}
                aria-label={t('builder.elective')}
              />
            ) : row.isElective ? (
              <Tag color="magenta">{t('builder.elective')}</Tag>
            ) : (
              <Typography.Text type="secondary">{t('builder.required')}</Typography.Text>
            ),
        },
        ...(editable
          ? [
              {
                title: t('builder.term'),
                key: 'term',
                width: 106,
                render: (_: unknown, row: Draft) => (
                  <Select
                    size="small"
                    value={row.termNo}
                    style={{ width: 96 }}
                    onChange={(termNo: number) => update(row.courseId, { termNo })}
                    data-testid={`term-${row.code}`}
                    options={termNumbers.map((term) => ({ value: term, label: t('builder.termN', { term }) }))}
                  />
                ),
              },
              {
                title: '',
                key: 'remove',
                width: 44,
                render: (_: unknown, row: Draft) => (
                  <Tooltip title={t('builder.remove')}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(row.courseId)}
                      aria-label={t('builder.remove')}
                      data-testid={`remove-${row.code}`}
                    />
                  </Tooltip>
                ),
              },
            ]
          : []),
      ]}
    />
  );

  const termCard = (term: number, rows: Draft[], title: string) => {
    const required = round1(rows.filter((row) => !row.isElective).reduce((total, row) => total + row.credits, 0));
    const electives = round1(rows.filter((row) => row.isElective).reduce((total, row) => total + row.credits, 0));
    return (
      <Card
        key={term}
        size="small"
        title={title}
        data-testid={`term-card-${term}`}
        style={{ marginBottom: 12 }}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('builder.termSummary', { required, electives, count: rows.length })}
          </Typography.Text>
        }
      >
        {termTable(rows)}
      </Card>
    );
  };

  return (
    <PageCard
      title={
        <Space wrap>
          <span data-testid="programme-name">{programme.name}</span>
          <ProgrammeStatusTag status={programme.status} />
          {dirty && (
            <Tag color="gold" data-testid="unsaved">
              {t('builder.unsaved')}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={downloads.programme(programme.id, 'xlsx')} data-testid="export-xlsx">
            {t('builder.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={downloads.programme(programme.id, 'docx')} data-testid="export-docx">
            {t('builder.exportDocx')}
          </Button>
          {can('programme.edit') && (
            <Button icon={<CopyOutlined />} onClick={() => setCopying(true)} data-testid="copy-programme">
              {t('builder.copy')}
            </Button>
          )}
          {deletable && (
            <Popconfirm
              title={t('builder.delete.confirm', { name: programme.name })}
              onConfirm={() => deleteDraft()}
              okText={t('builder.delete.button')}
              okButtonProps={{ danger: true, 'data-testid': 'delete-programme-ok' }}
              cancelText={t('common.cancel')}
            >
              <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} data-testid="delete-programme">
                {t('builder.delete.button')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('programmes.major')}>
          {programme.major ? `${programme.major.code} ${programme.major.name}` : programme.majorId}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.group')}>{programme.major?.groupName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('programmes.cohortYear')}>{programme.cohortYear}</Descriptions.Item>
        <Descriptions.Item label={t('programmes.graduationCredits')}>
          {editable ? (
            <InputNumber
              size="small"
              min={1}
              max={400}
              value={graduationCredits}
              onChange={(value) => setGraduationCredits(Number(value ?? 0))}
              data-testid="graduation-credits"
            />
          ) : (
            programme.graduationCredits
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('programmes.electiveCreditsRequired')}>
          {editable ? (
            <InputNumber
              size="small"
              min={0}
              max={100}
              value={electiveCredits}
              onChange={(value) => setElectiveCredits(Number(value ?? 0))}
              data-testid="elective-credits"
            />
          ) : (
            programme.electiveCreditsRequired
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('builder.revision')}>
          {programme.revision} · {formatDateTime(programme.updatedAt)}
        </Descriptions.Item>
      </Descriptions>

      {programme.copyReport && programme.status === 'draft' && <CopyReportAlert report={programme.copyReport} />}
      {programme.reviewComment && (
        <Alert type="info" showIcon title={t('builder.reviewComment', { comment: programme.reviewComment })} style={{ marginBottom: 12 }} />
      )}
      {!editable && programme.status !== 'draft' && (
        <Alert
          type="info"
          showIcon
          title={t('builder.locked', { status: t(`programmeStatus.${programme.status}`) })}
          style={{ marginBottom: 12 }}
        />
      )}
      {actionError && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setActionError(null) }}
          data-testid="action-error"
          title={actionError.message}
          description={
            actionError.details.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {actionError.details.map((detail, index) => (
                  <li key={index}>{detail}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}

      <Space wrap style={{ marginBottom: 16 }}>
        {editable && (
          <>
            <Button
              icon={<SaveOutlined />}
              onClick={() => void save()}
              loading={busy === 'save'}
              disabled={!dirty || busy !== null}
              data-testid="save-programme"
            >
              {t('builder.save')}
            </Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => void transition('submit')}
              loading={busy === 'submit'}
              disabled={busy !== null}
              data-testid="submit-programme"
            >
              {t('builder.submit')}
            </Button>
          </>
        )}
        {programme.status === 'submitted' && can('programme.edit') && (
          <Popconfirm
            title={t('builder.confirmWithdraw')}
            onConfirm={() => transition('withdraw')}
            okText={t('common.yes')}
            cancelText={t('common.no')}
          >
            <Button loading={busy === 'withdraw'} data-testid="withdraw-programme">
              {t('builder.withdraw')}
            </Button>
          </Popconfirm>
        )}
        {programme.status === 'submitted' && can('programme.approve') && (
          <>
            <Popconfirm
              title={t('builder.confirmApprove')}
              onConfirm={() => transition('approve')}
              okText={t('common.yes')}
              cancelText={t('common.no')}
            >
              <Button type="primary" loading={busy === 'approve'} data-testid="approve-programme">
                {t('builder.approve')}
              </Button>
            </Popconfirm>
            <Button
              danger
              onClick={() => {
                setComment('');
                setRejecting(true);
              }}
              loading={busy === 'reject'}
              data-testid="reject-programme"
            >
              {t('builder.reject')}
            </Button>
          </>
        )}
        {programme.status === 'approved' && can('programme.approve') && (
          <Popconfirm
            title={t('builder.confirmPublish')}
            onConfirm={() => transition('publish')}
            okText={t('common.yes')}
            cancelText={t('common.no')}
          >
            <Button type="primary" loading={busy === 'publish'} data-testid="publish-programme">
              {t('builder.publish')}
            </Button>
          </Popconfirm>
        )}
      </Space>

      <Tabs
        data-testid="builder-tabs"
        items={[
          {
            key: 'courses',
            label: <span data-testid="tab-courses">{t('builder.tabs.courses')}</span>,
            children: (
              <Row gutter={16}>
                <Col xs={24} xl={16}>
                  {editable && (
                    <Card size="small" title={t('builder.addFromPool')} style={{ marginBottom: 12 }} data-testid="pool-picker">
                      <Space orientation="vertical" style={{ width: '100%' }}>
                        <Segmented<CourseLayer | 'all'>
                          value={poolLayer}
                          onChange={setPoolLayer}
                          data-testid="pool-layer"
                          options={[
                            { value: 'all', label: t('common.all') },
                            ...layers.map((layer) => ({ value: layer, label: t(`layer.${layer}`) })),
                          ]}
                        />
                        <Select
                          mode="multiple"
                          allowClear
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('builder.pickCourses')}
                          style={{ width: '100%' }}
                          value={picked}
                          onChange={setPicked}
                          options={poolOptions}
                          data-testid="pool-select"
                          notFoundContent={
                            pool.length === 0 ? (
                              <Spin size="small" />
                            ) : (
                              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('builder.noPoolMatch')} />
                            )
                          }
                        />
                        <Space wrap>
                          <span>{t('builder.placeInTerm')}</span>
                          <Select
                            value={addTerm}
                            onChange={setAddTerm}
                            style={{ width: 110 }}
                            options={termNumbers.map((term) => ({ value: term, label: t('builder.termN', { term }) }))}
                            data-testid="add-term"
                          />
                          <Checkbox
                            checked={addElective}
                            onChange={(event) => setAddElective(event.target.checked)}
                            data-testid="add-elective"
                          >
                            {t('builder.asElective')}
                          </Checkbox>
                          <Button
                            type="primary"
                            ghost
                            icon={<PlusOutlined />}
                            disabled={picked.length === 0}
                            onClick={addPicked}
                            data-testid="add-courses"
                          >
                            {t('builder.add')}
                          </Button>
                        </Space>
                      </Space>
                    </Card>
                  )}
                  <div data-testid="composition">
                    {termNumbers.map((term) =>
                      termCard(
                        term,
                        drafts.filter((draft) => draft.termNo === term),
                        t('builder.termN', { term }),
                      ),
                    )}
                    {outside.length > 0 && termCard(0, outside, t('builder.outsideTerms'))}
                  </div>
                </Col>
                <Col xs={24} xl={8}>
                  <div style={{ position: 'sticky', top: 16 }}>
                    <RulePanel
                      check={check}
                      rules={rules}
                      version={programme.ruleVersion}
                      graduationCredits={graduationCredits}
                      checking={checking}
                      error={checkError}
                    />
                  </div>
                </Col>
              </Row>
            ),
          },
          {
            key: 'texts',
            label: <span data-testid="tab-texts">{t('builder.tabs.texts')}</span>,
            children: texts && (
              <ProgrammeTextsEditor
                texts={texts}
                editable={editable}
                onChange={setTexts}
                graduationCredits={graduationCredits}
                electiveCredits={electiveCredits}
              />
            ),
          },
        ]}
      />

      {copying && (
        <CopyProgrammeModal
          programme={programme}
          onClose={() => setCopying(false)}
          onCopied={(next) => {
            setCopying(false);
            navigate(`/programmes/${next}`);
          }}
        />
      )}
      <Modal
        open={rejecting}
        title={t('builder.reject')}
        onCancel={() => setRejecting(false)}
        onOk={() => {
          setRejecting(false);
          void transition('reject', comment.trim() || undefined);
        }}
        okText={t('builder.reject')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
      >
        <Input.TextArea
          rows={4}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder={t('builder.rejectComment')}
          maxLength={1000}
          data-testid="reject-comment"
        />
      </Modal>
      <Modal
        open={blocker.state === 'blocked'}
        title={t('builder.leave.title')}
        width={560}
        onCancel={() => blocker.reset?.()}
        data-testid="leave-dialog"
        footer={[
          <Button key="stay" onClick={() => blocker.reset?.()} data-testid="leave-stay">
            {t('builder.leave.stay')}
          </Button>,
          <Button key="discard" danger onClick={() => blocker.proceed?.()} data-testid="leave-discard">
            {t('builder.leave.discard')}
          </Button>,
          ...(editable
            ? [
                <Button
                  key="save"
                  type="primary"
                  loading={busy === 'save'}
                  data-testid="leave-save"
                  onClick={async () => {
                    if (await save(true)) blocker.proceed?.();
                    else blocker.reset?.();
                  }}
                >
                  {t('builder.leave.save')}
                </Button>,
              ]
            : []),
        ]}
      >
        {t('builder.leave.body', { name: programme.name })}
      </Modal>
    </PageCard>
  );
}
