import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Space, Spin } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type StudentDetail } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { StudentDescriptions } from '../people/StudentsPage.tsx';

export default function MyRecordPage() {
  const { t } = useTranslation();
  const [student, setStudent] = useState<StudentDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  // The numbers stay masked on screen until the student asks to see them.
  const [revealed, setRevealed] = useState(false);

  useEffect(() => {
    api
      .myStudent(revealed)
      .then((result) => setStudent(result.student))
      .catch((caught) => setError(errorMessage(caught)));
  }, [revealed]);

  return (
    <PageCard title={t('me.title')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && student === undefined && <Spin />}
      {student === null && <Empty description={t('me.noRecord')} />}
      {student && (
        <Space direction="vertical" style={{ maxWidth: 640, width: '100%' }}>
          <StudentDescriptions student={student} />
          <Button
            icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={() => setRevealed((value) => !value)}
            data-testid="reveal-own"
          >
            {t(revealed ? 'me.hideNumbers' : 'me.showNumbers')}
          </Button>
        </Space>
      )}
    </PageCard>
  );
}
