import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, creditbankApi, type ImportReview, type ImportReviewStatus, type StudentRow } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useAsyncAction, usePagedList } from '../../lib/hooks.ts';

const reviewStatuses: ImportReviewStatus[] = ['open', 'matched', 'dismissed'];

/** A student chosen by 学号 or name (GET /api/students?q=…), the candidate first when there is one. */
function StudentPicker({
  value,
  onChange,
  candidate,
}: {
  value?: number;
  onChange?: (id: number) => void;
  candidate: ImportReview['candidate'];
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query, 300);
  const [options, setOptions] = useState<StudentRow[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!debounced.trim()) {
      setOptions([]);
      return undefined;
    }
    let cancelled = false;
    setLoading(true);
    api
      .students({ q: debounced.trim(), pageSize: 20 })
      .then((page) => {
        if (!cancelled) setOptions(page.items);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [debounced]);
  const shown = [
    ...(candidate && !options.some((row) => row.id === candidate.id)
      ? [
          {
            value: candidate.id,
            label: `${candidate.studentNo} ${candidate.name} · ${candidate.majorName}（${t('creditbank.importReview.candidate')}）`,
          },
        ]
      : []),
    ...options.map((row) => ({
      value: row.id,
      label: `${row.studentNo} ${row.name} · ${row.majorName}${row.className ? ` · ${row.className}` : ''}`,
    })),
  ];
  return (
    <Select
      data-testid="match-student"
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t('creditbank.importReview.searchStudent')}
      notFoundContent={debounced ? t('common.empty') : t('creditbank.importReview.typeToSearch')}
      options={shown}
    />
  );
}

/** 证书成绩人工核对: imported results that did not match one student on ID number and name. */
export function ImportReviewsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ImportReviewStatus>('open');
  const fetchRows = useCallback((page: number) => creditbankApi.importReviews({ status, page, pageSize: 20 }), [status]);
  const { data, page, setPage, reload, error: loadError, loading } = usePagedList(fetchRows);
  const resolve = useAsyncAction();
  const [acting, setActing] = useState<{ row: ImportReview; action: 'match' | 'dismiss' } | null>(null);
  const [form] = Form.useForm<{ studentId?: number; note?: string }>();
  const error = resolve.error ?? loadError;

  const open = (row: ImportReview, action: 'match' | 'dismiss') => {
    form.setFieldsValue({ studentId: action === 'match' ? row.candidate?.id : undefined, note: '' });
    setActing({ row, action });
  };

  const submit = async () => {
    if (!acting) return;
    const values = await form.validateFields();
    const { row, action } = acting;
    const done = await resolve.run(() =>
      action === 'match'
        ? creditbankApi.matchImportReview(row.id, values.studentId!, values.note?.trim())
        : creditbankApi.dismissImportReview(row.id, values.note!.trim()),
    );
    setActing(null);
    if (done) {
      message.success(t(`creditbank.importReview.done.${action}`));
      await reload();
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Segmented<ImportReviewStatus>
          data-testid="import-review-filter"
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={reviewStatuses.map((value) => ({ value, label: t(`creditbank.importReview.status.${value}`) }))}
        />
        {can('import.run') && (
          <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/imports')} data-testid="import-results">
            {t('creditbank.importReview.importResults')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('creditbank.importReview.intro')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: resolve.clear }}
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="import-review-error"
        />
      )}
      <Table<ImportReview>
        rowKey="id"
        size="small"
        data-testid="import-reviews-table"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { count: total }),
          showSizeChanger: false,
        }}
        columns={[
          { title: t('creditbank.importReview.row'), dataIndex: 'rowNo', width: 70, render: (value: number | null) => value ?? '—' },
          {
            title: t('creditbank.importReview.person'),
            key: 'person',
            width: 180,
            render: (_, row) => (
              <>
                {row.personName}
                <br />
                <Typography.Text type="secondary">{row.idNumberMasked}</Typography.Text>
              </>
            ),
          },
          {
            title: t('creditbank.certificate'),
            key: 'certificate',
            render: (_, row) => (row.certificate ? `${row.certificate.code} ${row.certificate.name}` : `#${row.certificateId}`),
          },
          {
            title: t('creditbank.level.title'),
            dataIndex: 'level',
            width: 90,
            render: (level: ImportReview['level']) => t(`creditbank.level.${level}`),
          },
          { title: t('creditbank.certificateNo'), dataIndex: 'certificateNo', width: 140 },
          { title: t('creditbank.issuedOn'), dataIndex: 'issuedOn', width: 110, render: (value: string | null) => value ?? '—' },
          {
            title: t('creditbank.importReview.reason'),
            dataIndex: 'reason',
            width: 200,
            render: (reason: string) => (
              <Tag color="orange">{t(`creditbank.importReview.reasons.${reason}`, { defaultValue: reason })}</Tag>
            ),
          },
          {
            title: t('creditbank.importReview.candidate'),
            key: 'candidate',
            width: 170,
            render: (_, row) => (row.candidate ? `${row.candidate.studentNo} ${row.candidate.name}` : '—'),
          },
          ...(status === 'open'
            ? [
                {
                  title: t('creditbank.review.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, row: ImportReview) => (
                    <Space size={4}>
                      <Button size="small" type="primary" onClick={() => open(row, 'match')} data-testid={`import-review-match-${row.id}`}>
                        {t('creditbank.importReview.match')}
                      </Button>
                      <Button size="small" danger onClick={() => open(row, 'dismiss')} data-testid={`import-review-dismiss-${row.id}`}>
                        {t('creditbank.importReview.dismiss')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : [
                { title: t('creditbank.importReview.resolvedAt'), dataIndex: 'resolvedAt', width: 135, render: formatDateTime },
                { title: t('creditbank.decisionNote'), dataIndex: 'note', render: (value: string | null) => value ?? '' },
              ]),
        ]}
      />
      <Modal
        open={acting !== null}
        title={acting ? t(`creditbank.importReview.${acting.action}Title`, { name: acting.row.personName }) : ''}
        onCancel={() => setActing(null)}
        onOk={() => {
          void submit().catch(() => undefined);
        }}
        confirmLoading={resolve.busy}
        okButtonProps={{ danger: acting?.action === 'dismiss', 'data-testid': 'import-review-ok' } as never}
        forceRender
      >
        <Form form={form} layout="vertical">
          {acting?.action === 'match' && (
            <Form.Item
              name="studentId"
              label={t('creditbank.student')}
              rules={[{ required: true, message: t('creditbank.importReview.pickStudent') }]}
            >
              <StudentPicker candidate={acting.row.candidate} />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t('creditbank.decisionNote')}
            rules={
              acting?.action === 'dismiss'
                ? [{ required: true, whitespace: true, min: 2, message: t('creditbank.importReview.noteRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="import-review-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
