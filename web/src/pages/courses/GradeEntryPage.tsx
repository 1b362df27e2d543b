import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, Popconfirm, Row, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLatest } from '../../lib/hooks.ts';
import { useSearchParams } from 'react-router-dom';
import {
  api,
  ApiError,
  downloads,
  errorMessage,
  type GradeBook,
  type GradeBookStudent,
  type GradeRowError,
  type SectionListItem,
  type Term,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { pick } from '../../i18n/index.ts';
import { formatDateTime, marks } from '../../lib/format.ts';

/** The term running today, else the latest one that has started, else the first. */
function currentTerm(terms: Term[]): Term | undefined {
  const today = new Date().toISOString().slice(0, 10);
  return (
    terms.find((term) => term.startsOn <= today && today <= term.endsOn) ??
    [...terms].filter((term) => term.startsOn <= today).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ??
    terms[0]
  );
}

function shownGrade(student: GradeBookStudent, book: GradeBook, language: string): string {
  if (student.score !== null && student.score !== undefined) return String(student.score);
  if (!student.level) return '';
  const levels = book.scheme === 'five_level' ? ['excellent', 'good', 'fair', 'pass', 'fail'] : ['passed', 'failed'];
  const index = levels.indexOf(student.level);
  return index >= 0 && book.levels?.[index] ? pick(book.levels[index], language) : student.level;
}

interface RowErrors {
  title: string;
  rows: GradeRowError[];
}

function rowErrorsOf(error: unknown): GradeRowError[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details as GradeRowError[];
}

export default function GradeEntryPage() {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [terms, setTerms] = useState<Term[]>([]);
  const [sections, setSections] = useState<SectionListItem[] | null>(null);
  const [book, setBook] = useState<GradeBook | null>(null);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<RowErrors | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const termId = Number(params.get('termId')) || undefined;
  const sectionId = Number(params.get('sectionId')) || undefined;
  const teacherId = me?.teacherId ?? undefined;
  // 教务 (grade.correct) may open any section; a teacher sees the sections they teach.
  const allSections = can('grade.correct') && !teacherId;

  // The first term is chosen once; later the select sets it.
  const chooseFirst = useLatest({ termId, setParams });
  useEffect(() => {
    api
      .terms()
      .then((list) => {
        setTerms(list);
        if (!chooseFirst.current.termId) {
          const term = currentTerm(list);
          if (term) chooseFirst.current.setParams({ termId: String(term.id) }, { replace: true });
        }
      })
      .catch((caught) => setLoadError(errorMessage(caught)));
  }, [chooseFirst]);

  useEffect(() => {
    if (!termId) return;
    let cancelled = false;
    setSections(null);
    api
      .sections({ termId, teacherId: allSections ? undefined : teacherId, pageSize: 200 })
      .then((result) => {
        if (!cancelled) setSections(result.items);
      })
      .catch((caught) => {
        if (!cancelled) {
          setSections([]);
          setLoadError(errorMessage(caught));
        }
      });
    return () => {
      cancelled = true;
    };
  }, [termId, teacherId, allSections]);

  const loadBook = useCallback(async (id: number) => {
    try {
      setBook(await api.gradeBook(id));
      setEdits({});
      setLoadError(null);
    } catch (caught) {
      setBook(null);
      setLoadError(errorMessage(caught));
    }
  }, []);

  useEffect(() => {
    setErrors(null);
    setBook(null);
    if (sectionId) void loadBook(sectionId);
  }, [sectionId, loadBook]);

  const choose = (next: { termId?: number; sectionId?: number }) => {
    const query: Record<string, string> = {};
    const term = next.termId ?? termId;
    if (term) query.termId = String(term);
    if (next.sectionId) query.sectionId = String(next.sectionId);
    setParams(query);
  };

  const changed = useMemo(() => {
    if (!book) return [];
    return book.students
      .filter(
        (student) =>
          edits[student.studentNo] !== undefined && edits[student.studentNo]!.trim() !== shownGrade(student, book, i18n.language),
      )
      .filter((student) => edits[student.studentNo]!.trim() !== '')
      .map((student) => ({ studentNo: student.studentNo, grade: edits[student.studentNo]!.trim() }));
  }, [book, edits, i18n.language]);

  const locked = Boolean(book?.published) && !can('grade.correct');
  const errorByStudent = new Map((errors?.rows ?? []).filter((row) => row.studentNo).map((row) => [row.studentNo!, row.message]));

  const save = async () => {
    if (!book || changed.length === 0) return;
    setBusy('save');
    setErrors(null);
    try {
      const result = await api.saveGrades(book.sectionId, changed);
      message.success(t('grades.saved', { count: result.changed }));
      await loadBook(book.sectionId);
    } catch (caught) {
      setErrors({ title: errorMessage(caught), rows: rowErrorsOf(caught) });
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    if (!book) return;
    if (!/\.xlsx$/i.test(file.name)) {
      setErrors({ title: t('imports.notXlsx'), rows: [] });
      return;
    }
    setBusy('upload');
    setErrors(null);
    try {
      const result = await api.uploadGrades(book.sectionId, file);
      message.success(t('grades.uploaded', { saved: result.saved, changed: result.changed }));
      await loadBook(book.sectionId);
    } catch (caught) {
      setErrors({ title: errorMessage(caught), rows: rowErrorsOf(caught) });
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    if (!book) return;
    setBusy('publish');
    try {
      const result = await api.publishGrades(book.sectionId);
      message.success(t('grades.published', { count: result.earned }));
      await loadBook(book.sectionId);
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  };

  const selected = sections?.find((section) => section.id === sectionId);
  const levelOptions = book?.levels?.map((level) => ({ value: pick(level, i18n.language), label: pick(level, i18n.language) })) ?? [];
  const graded = book ? book.students.filter((student) => student.passed !== null).length : 0;

  return (
    <PageCard
      title={t('grades.title')}
      extra={
        <Space wrap>
          <span>{t('grades.term')}</span>
          <Select
            style={{ width: 150 }}
            value={termId}
            onChange={(value: number) => choose({ termId: value })}
            options={terms.map((term) => ({ value: term.id, label: term.code }))}
            data-testid="grade-term"
          />
          <span>{t('grades.section')}</span>
          <Select
            style={{ width: 340 }}
            showSearch={{ optionFilterProp: 'label' }}
            loading={sections === null && Boolean(termId)}
            value={sectionId}
            placeholder={t('grades.pickSection')}
            onChange={(value: number) => choose({ sectionId: value })}
            options={(sections ?? []).map((section) => ({
              value: section.id,
              label: `${section.code} ${section.courseName}${marks(i18n.language).paren(section.enrolledCount)}`,
            }))}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grades.noSections')} />}
            data-testid="grade-section"
          />
        </Space>
      }
    >
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 16 }} />}
      {!sectionId && <Empty description={sections && sections.length === 0 ? t('grades.noSections') : t('grades.pickSection')} />}
      {sectionId && !book && !loadError && <Spin />}
      {book && (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col flex="auto">
              <Space wrap>
                <Typography.Text strong>
                  {book.courseCode} {book.courseName}
                </Typography.Text>
                <Tag>{book.code}</Tag>
                <Tag color="blue">{pick(book.schemeLabel, i18n.language)}</Tag>
                <Typography.Text type="secondary">
                  {t('grades.creditsAndCount', { credits: book.credits, count: book.students.length, graded })}
                </Typography.Text>
                {selected?.room && <Typography.Text type="secondary">{selected.room}</Typography.Text>}
                {book.published ? (
                  <Tag color="success" data-testid="grades-published">
                    {t('grades.publishedAt', { at: formatDateTime(book.publishedAt) })}
                  </Tag>
                ) : (
                  <Tag color="gold">{t('grades.notPublished')}</Tag>
                )}
              </Space>
            </Col>
          </Row>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={locked || changed.length === 0 || busy !== null}
              loading={busy === 'save'}
              onClick={() => void save()}
              data-testid="save-grades"
            >
              {t('grades.save', { count: changed.length })}
            </Button>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              disabled={locked || busy !== null}
              beforeUpload={(file) => {
                void upload(file as unknown as File);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy === 'upload'} disabled={locked || busy !== null} data-testid="upload-grades">
                {t('grades.upload')}
              </Button>
            </Upload>
            <Button icon={<DownloadOutlined />} href={downloads.gradeSheet(book.sectionId)} data-testid="download-grades">
              {t('grades.download')}
            </Button>
            {!book.published && (
              <Popconfirm
                title={t('grades.confirmPublish')}
                onConfirm={() => publish()}
                okText={t('common.yes')}
                cancelText={t('common.no')}
              >
                <Button
                  icon={<CheckCircleOutlined />}
                  loading={busy === 'publish'}
                  disabled={busy !== null || graded === 0}
                  data-testid="publish-grades"
                >
                  {t('grades.publish')}
                </Button>
              </Popconfirm>
            )}
          </Space>
          {locked && <Alert type="info" showIcon title={t('grades.locked')} style={{ marginBottom: 12 }} />}
          {errors && (
            <Alert
              type="error"
              showIcon
              data-testid="grade-errors"
              title={errors.title}
              closable={{ onClose: () => setErrors(null) }}
              description={
                errors.rows.length > 0 ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {errors.rows.map((row, index) => (
                      <li key={index}>
                        {[row.row ? t('grades.rowN', { row: row.row }) : null, row.studentNo || null, row.message]
                          .filter(Boolean)
                          .join(' · ')}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
              style={{ marginBottom: 12 }}
            />
          )}
          <Card size="small">
            <Table<GradeBookStudent>
              size="small"
              rowKey="studentNo"
              dataSource={book.students}
              data-testid="grade-book"
              pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { count: total }) }}
              columns={[
                { title: t('students.studentNo'), dataIndex: 'studentNo', width: 160 },
                { title: t('students.name'), dataIndex: 'name', width: 100 },
                { title: t('students.major'), dataIndex: 'majorName' },
                {
                  title: t('grades.grade'),
                  key: 'grade',
                  width: 200,
                  render: (_, row) => {
                    const value = edits[row.studentNo] ?? shownGrade(row, book, i18n.language);
                    const problem = errorByStudent.get(row.studentNo);
                    const set = (next: string) => setEdits((current) => ({ ...current, [row.studentNo]: next }));
                    return (
                      <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                        {book.scheme === 'percent' ? (
                          <Input
                            size="small"
                            value={value}
                            disabled={locked}
                            status={problem ? 'error' : undefined}
                            onChange={(event) => set(event.target.value)}
                            placeholder="0–100"
                            data-testid={`grade-${row.studentNo}`}
                            style={{ width: 120 }}
                          />
                        ) : (
                          <Select
                            size="small"
                            value={value || undefined}
                            disabled={locked}
                            status={problem ? 'error' : undefined}
                            onChange={(next: string) => set(next)}
                            options={levelOptions}
                            style={{ width: 140 }}
                            data-testid={`grade-${row.studentNo}`}
                          />
                        )}
                        {problem && (
                          <Typography.Text type="danger" style={{ fontSize: 12 }}>
                            {problem}
                          </Typography.Text>
                        )}
                      </Space>
                    );
                  },
                },
                {
                  title: t('grades.result'),
                  key: 'passed',
                  width: 100,
                  render: (_, row) =>
                    row.passed === null ? (
                      <Typography.Text type="secondary">—</Typography.Text>
                    ) : row.passed ? (
                      <Tag color="success">{t('grades.pass')}</Tag>
                    ) : (
                      <Tag color="error">{t('grades.fail')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </PageCard>
  );
}
