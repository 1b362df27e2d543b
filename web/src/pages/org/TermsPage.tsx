import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage, type Term } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageCard } from '../../components/PageCard.tsx';

interface Values {
  code?: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  firstWeekStartsOn?: Dayjs | null;
}

const day = (value: Dayjs) => value.format('YYYY-MM-DD');
/** The Monday on or after a day (dayjs counts Sunday as 0). */
const mondayOnOrAfter = (value: Dayjs) => value.add((8 - value.day()) % 7, 'day');

/** 学年学期: each term with its dates and the Monday of teaching week 1; 教务 adds, edits and imports them. */
export default function TermsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [terms, setTerms] = useState<Term[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Term | 'new' | null>(null);

  const load = useCallback(async () => {
    try {
      setError(null);
      setTerms(await api.terms());
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const writable = can('org.write');
  return (
    <PageCard
      title={t('terms.title')}
      extra={
        <Space wrap>
          {can('import.run') && (
            <Button icon={<ImportOutlined />} onClick={() => navigate('/imports?entity=terms')} data-testid="terms-import">
              {t('terms.import')}
            </Button>
          )}
          {writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="term-create">
              {t('terms.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('terms.hint')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          action={
            <Button size="small" onClick={() => void load()}>
              {t('app.retry')}
            </Button>
          }
        />
      )}
      <Table
        data-testid="terms-table"
        rowKey="id"
        size="middle"
        loading={!terms && !error}
        dataSource={terms ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(term) => `term-${term.code}`}
        columns={[
          { title: t('terms.code'), dataIndex: 'code', width: 130 },
          {
            title: t('terms.term'),
            key: 'term',
            render: (_, term) => t('terms.termName', { year: term.academicYear, no: t(`terms.no.${term.termNo}`) }),
          },
          { title: t('terms.startsOn'), dataIndex: 'startsOn', width: 120 },
          { title: t('terms.endsOn'), dataIndex: 'endsOn', width: 120 },
          {
            title: t('terms.firstWeek'),
            dataIndex: 'firstWeekStartsOn',
            width: 170,
            render: (value: string) => <span data-testid="term-first-week">{value}</span>,
          },
          { title: t('terms.weeks'), dataIndex: 'teachingWeeks', width: 100, align: 'right' },
          {
            title: t('terms.now'),
            dataIndex: 'currentWeek',
            width: 120,
            render: (week: number | null) => (week ? <Tag color="blue">{t('terms.currentWeek', { week })}</Tag> : '—'),
          },
          ...(writable
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 100,
                  render: (_: unknown, term: Term) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(term)} data-testid={`term-edit-${term.code}`}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <TermModal
          term={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </PageCard>
  );
}

function TermModal({ term, onClose, onSaved }: { term: Term | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // Until the first week is chosen by hand it follows the start date (the first Monday of the term).
  const [firstWeekTouched, setFirstWeekTouched] = useState(term !== null);
  const startsOn = Form.useWatch('startsOn', form);
  const endsOn = Form.useWatch('endsOn', form);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const dates = {
        startsOn: day(values.startsOn),
        endsOn: day(values.endsOn),
        ...(values.firstWeekStartsOn ? { firstWeekStartsOn: day(values.firstWeekStartsOn) } : {}),
      };
      if (term) await api.updateTerm(term.id, dates);
      else await api.createTerm({ code: values.code!.trim(), ...dates });
      message.success(term ? t('common.saved') : t('terms.created'));
      onSaved();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={term ? t('terms.editTitle', { code: term.code }) : t('terms.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'term-save' } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          term
            ? { startsOn: dayjs(term.startsOn), endsOn: dayjs(term.endsOn), firstWeekStartsOn: dayjs(term.firstWeekStartsOn) }
            : undefined
        }
        onValuesChange={(changed: Partial<Values>) => {
          if ('firstWeekStartsOn' in changed) setFirstWeekTouched(true);
          if ('startsOn' in changed && changed.startsOn && !firstWeekTouched)
            form.setFieldValue('firstWeekStartsOn', mondayOnOrAfter(changed.startsOn));
        }}
      >
        {!term && (
          <Form.Item
            name="code"
            label={t('terms.code')}
            extra={t('terms.codeHint')}
            rules={[
              { required: true, message: t('orgSetup.required') },
              {
                validator: async (_, value: string | undefined) => {
                  const code = value?.trim() ?? '';
                  if (!code) return;
                  if (!/^[0-9]{4}-[0-9]{4}-[12]$/.test(code) || Number(code.slice(5, 9)) !== Number(code.slice(0, 4)) + 1)
                    throw new Error(t('terms.codeRule'));
                },
              },
            ]}
          >
            <Input maxLength={11} placeholder="2026-2027-1" data-testid="term-code" />
          </Form.Item>
        )}
        <Space size="middle" wrap>
          <Form.Item name="startsOn" label={t('terms.startsOn')} rules={[{ required: true, message: t('orgSetup.required') }]}>
            <DatePicker data-testid="term-starts-on" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('terms.endsOn')}
            dependencies={['startsOn']}
            rules={[
              { required: true, message: t('orgSetup.required') },
              ({ getFieldValue }) => ({
                validator: async (_, value: Dayjs | undefined) => {
                  const start = getFieldValue('startsOn') as Dayjs | undefined;
                  if (value && start && !value.isAfter(start, 'day')) throw new Error(t('terms.endsRule'));
                },
              }),
            ]}
          >
            <DatePicker data-testid="term-ends-on" />
          </Form.Item>
        </Space>
        <Form.Item
          name="firstWeekStartsOn"
          label={t('terms.firstWeek')}
          extra={t('terms.firstWeekHint')}
          dependencies={['startsOn', 'endsOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null | undefined) => {
                if (!value) return;
                if (value.day() !== 1) throw new Error(t('terms.mondayRule'));
                const start = getFieldValue('startsOn') as Dayjs | undefined;
                const end = getFieldValue('endsOn') as Dayjs | undefined;
                if ((start && value.isBefore(start, 'day')) || (end && value.isAfter(end, 'day'))) throw new Error(t('terms.withinRule'));
              },
            }),
          ]}
        >
          <DatePicker
            data-testid="term-first-week-input"
            // Only the Mondays of the term can be picked.
            disabledDate={(date) =>
              date.day() !== 1 ||
              (startsOn !== undefined && startsOn !== null && date.isBefore(startsOn, 'day')) ||
              (endsOn !== undefined && endsOn !== null && date.isAfter(endsOn, 'day'))
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
