import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Col, DatePicker, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type AuditEntry } from '../../api.ts';
import { PageCard } from '../../components/PageCard.tsx';

interface Filters {
  entity: string;
  action: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

function JsonBlock({ value }: { value: unknown }) {
  return (
    <pre
      style={{
        margin: 0,
        padding: 8,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 4,
        fontSize: 12,
        maxHeight: 320,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [actions, setActions] = useState<Array<{ action: string; label: { 'zh-CN': string; en: string } }>>([]);
  useEffect(() => {
    api
      .auditActions()
      .then(setActions)
      .catch(() => setActions([]));
  }, []);
  const [draft, setDraft] = useState<Filters>({ entity: '', action: '', range: null });
  const [filters, setFilters] = useState<Filters>(draft);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [nextBeforeId, setNextBeforeId] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(
    async (beforeId: number | null) => {
      setLoading(true);
      try {
        const page = await api.audit({
          entity: filters.entity.trim() || undefined,
          action: filters.action.trim() || undefined,
          from: filters.range?.[0]?.startOf('day').toISOString(),
          to: filters.range?.[1]?.endOf('day').toISOString(),
          limit: 50,
          beforeId: beforeId ?? undefined,
        });
        setItems((current) => (beforeId ? [...current, ...page.items] : page.items));
        setTotal(page.total);
        setNextBeforeId(page.nextBeforeId);
        setError(null);
      } catch (caught) {
        setError(errorMessage(caught));
      } finally {
        setLoading(false);
      }
    },
    [filters],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage]);

  return (
    <PageCard title={t('audit.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          allowClear
          placeholder={t('audit.entityPlaceholder')}
          value={draft.entity}
          onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.actionPlaceholder')}
          value={draft.action || undefined}
          onChange={(value?: string) => setDraft({ ...draft, action: value ?? '' })}
          options={actions.map((entry) => ({ value: entry.action, label: entry.label[language] }))}
          style={{ width: 240 }}
          data-testid="audit-action-filter"
        />
        <DatePicker.RangePicker
          value={draft.range}
          onChange={(range) => setDraft({ ...draft, range: range as Filters['range'] })}
          placeholder={[t('audit.from'), t('audit.to')]}
        />
        <Button type="primary" onClick={() => setFilters(draft)}>
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            const empty = { entity: '', action: '', range: null };
            setDraft(empty);
            setFilters(empty);
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        data-testid="audit-table"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: (row) => row.before !== null || row.after !== null,
          expandedRowRender: (row) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <JsonBlock value={row.before} />
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <JsonBlock value={row.after} />
              </Col>
            </Row>
          ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => new Date(at).toLocaleString() },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 140,
            render: (name: string | null, row) =>
              name ?? <Typography.Text type="secondary">{row.entity === 'system' ? t('audit.system') : '—'}</Typography.Text>,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 180,
            render: (action: string, row) => (
              <Tooltip title={action}>
                <Tag data-testid="audit-action">{row.actionLabel?.[language] ?? action}</Tag>
              </Tooltip>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 200,
            render: (_, row) => {
              const text = `${row.entityLabel[language]}${row.entityId ? ` #${row.entityId}` : ''}`;
              return (
                <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 184 }}>
                  {text}
                </Typography.Text>
              );
            },
          },
          { title: t('audit.summary'), dataIndex: 'summary' },
          { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('audit.shown', { shown: items.length, total })}</Typography.Text>
        {nextBeforeId !== null && items.length < total && (
          <Button onClick={() => void fetchPage(nextBeforeId)} loading={loading} data-testid="audit-load-more">
            {t('audit.loadMore')}
          </Button>
        )}
      </Space>
    </PageCard>
  );
}
