import { useEffect, useState } from 'react';
import { Alert, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type StudentDetail } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { StudentDescriptions } from '../people/StudentsPage.tsx';

export default function MyRecordPage() {
  const { t } = useTranslation();
  const [student, setStudent] = useState<StudentDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.myStudent().then((result) => setStudent(result.student)).catch((caught) => setError(errorMessage(caught)));
  }, []);

  return (
    <PageCard title={t('me.title')}>
      {error && <Alert type="error" showIcon title={error} />}
      {!error && student === undefined && <Spin />}
      {student === null && <Empty description={t('me.noRecord')} />}
      {student && <div style={{ maxWidth: 640 }}><StudentDescriptions student={student} /></div>}
    </PageCard>
  );
}
