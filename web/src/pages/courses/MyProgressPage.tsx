import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Flex, Grid, Progress, Row, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type CourseLayer, type LayerProgress, type StudentProgress } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { marks } from '../../lib/format.ts';
import { LayerTag, layers, percentOf } from './shared.tsx';

type LayerKey = keyof StudentProgress['layers'];
const layerKeys: LayerKey[] = ['shared', 'core', 'crossGroupExtension', 'total'];

/** A course as one line of a list: code and name in the page's language, its tags, and what is on the right. */
function CourseLine({
  code,
  name,
  nameEn,
  tags,
  right,
  testId,
}: {
  code: string;
  name: string;
  nameEn: string | null;
  tags?: ReactNode;
  right: ReactNode;
  testId: string;
}) {
  const { i18n } = useTranslation();
  return (
    <Card size="small" data-testid={testId} styles={{ body: { padding: '8px 12px' } }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={6} align="center" wrap style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Typography.Text strong>
            {code} {(i18n.language === 'en' && nameEn) || name}
          </Typography.Text>
          {tags}
        </Flex>
        <Flex gap={6} align="center" wrap>
          {right}
        </Flex>
      </Flex>
    </Card>
  );
}

export default function MyProgressPage() {
  const { t, i18n } = useTranslation();
  const { open, close } = marks(i18n.language);
  const phone = Grid.useBreakpoint().md === false;
  const [progress, setProgress] = useState<StudentProgress | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .myProgress()
      .then((result) => setProgress(result.progress))
      .catch((caught) => setError(errorMessage(caught)));
  }, []);

  const bar = (key: LayerKey, layer: LayerProgress) => {
    const percent = percentOf(layer.earned, layer.required);
    const withUnderWay = percentOf(layer.earned + layer.inProgress, layer.required);
    const done = layer.required > 0 && layer.earned >= layer.required;
    return (
      <Col xs={24} sm={12} xl={6} key={key}>
        <Card size="small" data-testid={`progress-${key}`}>
          <Typography.Text strong>{t(`progress.layer.${key}`)}</Typography.Text>
          <div style={{ display: 'flex', justifyContent: 'center', margin: '12px 0' }}>
            <Progress type="dashboard" percent={percent} status={done ? 'success' : 'normal'} size={phone ? 88 : 120} />
          </div>
          <Typography.Paragraph style={{ textAlign: 'center', margin: 0 }}>
            {t('progress.earnedOf', { earned: layer.earned, required: layer.required })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }} data-testid={`remaining-${key}`}>
            {t('progress.inProgressOf', { inProgress: layer.inProgress, remaining: layer.remaining })}
          </Typography.Paragraph>
          {/* Earned in green, under way in blue after it. */}
          <Progress percent={withUnderWay} success={{ percent }} showInfo={false} size="small" />
        </Card>
      </Col>
    );
  };

  const crossGroupTag = (crossGroup: boolean) => crossGroup && <Tag color="magenta">{t('selection.crossGroup')}</Tag>;

  return (
    <PageCard title={t('progress.title')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && progress === undefined && <Spin />}
      {progress === null && <Empty description={t('progress.none')} />}
      {progress && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('students.name')}>
              {progress.student.name}
              {open}
              {progress.student.studentNo}
              {close}
            </Descriptions.Item>
            <Descriptions.Item label={t('students.major')}>{progress.student.majorName}</Descriptions.Item>
            <Descriptions.Item label={t('students.cohortYear')}>{progress.student.cohortYear}</Descriptions.Item>
            <Descriptions.Item label={t('progress.programme')} span={2}>
              {progress.programme ? (
                <>
                  {progress.programme.name} <Tag>{t(`programmeStatus.${progress.programme.status}`)}</Tag>
                </>
              ) : (
                t('progress.noProgramme')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('programmes.graduationCredits')}>{progress.programme?.graduationCredits ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
            {layerKeys.map((key) => bar(key, progress.layers[key]))}
          </Row>

          <Typography.Title level={5}>{t('progress.outstanding')}</Typography.Title>
          <div data-testid="outstanding" style={{ marginBottom: 24 }}>
            {progress.outstanding.length === 0 && progress.programme && (
              <Typography.Text type="secondary">{t('progress.noneOutstanding')}</Typography.Text>
            )}
            {layers
              .map((layer: CourseLayer) => ({ layer, courses: progress.outstanding.filter((course) => course.layer === layer) }))
              .filter((group) => group.courses.length > 0)
              .map((group) => (
                <section key={group.layer} data-testid={`outstanding-${group.layer}`} style={{ marginBottom: 12 }}>
                  <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
                    {t(`layer.${group.layer}`)}
                  </Typography.Text>
                  <Flex vertical gap={6}>
                    {group.courses.map((course) => (
                      <CourseLine
                        key={course.courseId}
                        testId={`outstanding-${course.code}`}
                        code={course.code}
                        name={course.name}
                        nameEn={course.nameEn}
                        tags={crossGroupTag(course.crossGroup)}
                        right={
                          <>
                            <Typography.Text type="secondary">{t('progress.termNo', { n: course.termNo })}</Typography.Text>
                            <Typography.Text>{t('builder.creditsShort', { credits: course.credits })}</Typography.Text>
                            {course.inProgress ? (
                              <Tag color="processing">{t('progress.underWay')}</Tag>
                            ) : (
                              <Tag>{t('progress.notStarted')}</Tag>
                            )}
                          </>
                        }
                      />
                    ))}
                  </Flex>
                </section>
              ))}
            {progress.layers.crossGroupExtension.remaining > 0 && (
              <Alert
                type="info"
                showIcon
                data-testid="cross-group-remaining"
                title={t('progress.crossGroupNote', { remaining: progress.layers.crossGroupExtension.remaining })}
              />
            )}
          </div>

          <Typography.Title level={5}>{t('progress.inProgress')}</Typography.Title>
          <Flex vertical gap={6} data-testid="in-progress" style={{ marginBottom: 24 }}>
            {progress.inProgress.length === 0 && <Typography.Text type="secondary">{t('progress.noneInProgress')}</Typography.Text>}
            {progress.inProgress.map((course) => (
              <CourseLine
                key={`${course.courseId}-${course.termId}`}
                testId={`in-progress-${course.code}`}
                code={course.code}
                name={course.name}
                nameEn={course.nameEn}
                tags={
                  <>
                    <LayerTag layer={course.layer} />
                    {crossGroupTag(course.crossGroup)}
                  </>
                }
                right={
                  <>
                    <Typography.Text type="secondary">
                      {course.termCode} · {t('progress.section', { code: course.sectionCode })}
                    </Typography.Text>
                    <Typography.Text>{t('builder.creditsShort', { credits: course.credits })}</Typography.Text>
                  </>
                }
              />
            ))}
          </Flex>

          <Typography.Title level={5}>{t('progress.earned')}</Typography.Title>
          <Flex vertical gap={6} data-testid="earned-credits">
            {progress.earned.length === 0 && <Typography.Text type="secondary">{t('progress.noneEarned')}</Typography.Text>}
            {progress.earned.map((entry) => (
              <CourseLine
                key={`${entry.courseId}-${entry.termId}`}
                testId={`earned-${entry.code}`}
                code={entry.code}
                name={entry.name}
                nameEn={entry.nameEn}
                tags={
                  <>
                    <LayerTag layer={entry.layer} />
                    {crossGroupTag(entry.crossGroup)}
                  </>
                }
                right={
                  <>
                    <Typography.Text type="secondary">{entry.termCode}</Typography.Text>
                    <Typography.Text>{t('builder.creditsShort', { credits: entry.credits })}</Typography.Text>
                  </>
                }
              />
            ))}
          </Flex>
        </>
      )}
    </PageCard>
  );
}
