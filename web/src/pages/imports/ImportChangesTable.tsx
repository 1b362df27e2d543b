import { useEffect, useState } from 'react';
import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ImportChanges } from '../../api.ts';

type ChangedRecord = ImportChanges['items'][number];
const pageSize = 20;

/** The preview's changes, one record per line: each field as old → new, paged from the server. */
export function ImportChangesTable({ batchId, total }: { batchId: string; total: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<ChangedRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .importChanges(batchId, (page - 1) * pageSize, pageSize)
      .then((answer) => live && setItems(answer.items))
      .catch((caught) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [batchId, page]);

  const shown = (value: string | number | null) =>
    value === null || value === '' ? <Typography.Text type="secondary">{t('imports.emptyValue')}</Typography.Text> : String(value);

  return (
    <div data-testid="import-changes" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('imports.changes')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('imports.changesHint', { count: total })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<ChangedRecord>
        size="small"
        rowKey="row"
        loading={!items && !error}
        dataSource={items ?? []}
        pagination={total > pageSize ? { current: page, pageSize, total, showSizeChanger: false, onChange: setPage } : false}
        columns={[
          { title: t('imports.errorRow'), dataIndex: 'row', width: 80 },
          { title: t('imports.changeKey'), dataIndex: 'key', width: 160 },
          {
            title: `${t('imports.changeField')}：${t('imports.changeBefore')} → ${t('imports.changeAfter')}`,
            key: 'fields',
            render: (_, record) => (
              <div>
                {record.fields.map((field) => (
                  <div key={field.column} data-testid={`change-${record.key}-${field.column}`}>
                    <Typography.Text strong>{field.columnLabel}</Typography.Text>：
                    <Typography.Text delete>{shown(field.before)}</Typography.Text>
                    {' → '}
                    <Typography.Text mark>{shown(field.after)}</Typography.Text>
                  </div>
                ))}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
