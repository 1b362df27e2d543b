import { useEffect, useState } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Progress, Row, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type CourseLayer, type LayerProgress, type StudentProgress } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { LayerTag, percentOf } from './shared.tsx';

type LayerKey = keyof StudentProgress['layers'];
const layerKeys: LayerKey[] = ['shared', 'core', 'crossGroupExtension', 'total'];

export default function MyProgressPage() {
  const { t } = useTranslation();
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
    const done = layer.required > 0 && layer.earned >= layer.required;
    return (
      <Col xs={24} md={12} xl={6} key={key}>
        <Card size="small" data-testid={`progress-${key}`}>
          <Typography.Text strong>{t(`progress.layer.${key}`)}</Typography.Text>
          <div style={{ display: 'flex', justifyContent: 'center', margin: '12px 0' }}>
            <Progress type="dashboard" percent={percent} status={done ? 'success' : 'normal'} size={120} />
          </div>
          <Typography.Paragraph style={{ textAlign: 'center', margin: 0 }}>
            {t('progress.earnedOf', { earned: layer.earned, required: layer.required })}
          </Typography.Paragraph>
          <Progress percent={percent} showInfo={false} size="small" status={done ? 'success' : 'active'} />
        </Card>
      </Col>
    );
  };

  return (
    <PageCard title={t('progress.title')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && progress === undefined && <Spin />}
      {progress === null && <Empty description={t('progress.none')} />}
      {progress && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('students.name')}>
              {progress.student.name}（{progress.student.studentNo}）
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
          <Typography.Title level={5}>{t('progress.earned')}</Typography.Title>
          <Table
            size="small"
            rowKey={(row) => `${row.courseId}-${row.termId}`}
            pagination={false}
            data-testid="earned-credits"
            dataSource={progress.earned}
            locale={{ emptyText: t('progress.noneEarned') }}
            columns={[
              { title: t('courses.code'), dataIndex: 'code', width: 100 },
              { title: t('courses.name'), dataIndex: 'name' },
              {
                title: t('courses.layer'),
                dataIndex: 'layer',
                width: 160,
                render: (layer: CourseLayer, row) => (
                  <>
                    {<LayerTag layer={layer} />}
                    {row.crossGroup && <Tag color="magenta">{t('selection.crossGroup')}</Tag>}
                  </>
                ),
              },
              { title: t('courses.credits'), dataIndex: 'credits', width: 72, align: 'right' },
              { title: t('progress.term'), dataIndex: 'termCode', width: 120 },
            ]}
          />
        </>
      )}
    </PageCard>
  );
}
