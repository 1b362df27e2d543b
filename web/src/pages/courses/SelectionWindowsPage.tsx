import { useEffect, useState } from 'react';
import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage, type Term, type WindowListRow } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { ModeTag, PhaseTag } from './shared.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** Staff overview of the selection windows (选课轮次) with their phase and counts. */
export default function SelectionWindowsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [rows, setRows] = useState<WindowListRow[] | null>(null);
  const [terms, setTerms] = useState<Term[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .selectionWindows()
      .then(setRows)
      .catch((caught) => {
        setRows([]);
        setError(errorMessage(caught));
      });
    api
      .terms()
      .then(setTerms)
      .catch(() => setTerms([]));
  }, []);

  return (
    <PageCard title={t('windows.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<WindowListRow>
        rowKey="id"
        size="middle"
        loading={rows === null}
        dataSource={rows ?? []}
        data-testid="windows-table"
        pagination={false}
        onRow={(row) => ({ onClick: () => navigate(`/selection-windows/${row.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('windows.name'), dataIndex: 'name', onCell: () => ({ style: { minWidth: 200 } }) },
          {
            title: t('windows.term'),
            dataIndex: 'termId',
            width: 100,
            render: (id: number) => terms.find((term) => term.id === id)?.code ?? id,
          },
          { title: t('windows.mode'), dataIndex: 'mode', width: 110, render: (mode) => <ModeTag mode={mode} /> },
          { title: t('windows.phase'), dataIndex: 'phase', width: 90, render: (phase) => <PhaseTag phase={phase} /> },
          { title: t('windows.cohorts'), dataIndex: 'cohortYears', width: 90, render: (years: number[]) => years.join('、') },
          { title: t('windows.opensAt'), dataIndex: 'opensAt', width: 135, render: formatDateTime },
          { title: t('windows.closesAt'), dataIndex: 'closesAt', width: 135, render: formatDateTime },
          { title: t('windows.sections'), dataIndex: 'sections', width: 70, align: 'right' },
          { title: t('windows.capacity'), dataIndex: 'capacity', width: 70, align: 'right' },
          { title: t('windows.enrolled'), dataIndex: 'enrolled', width: 70, align: 'right' },
          { title: t('windows.waitlisted'), dataIndex: 'waitlisted', width: 70, align: 'right' },
        ]}
      />
    </PageCard>
  );
}
