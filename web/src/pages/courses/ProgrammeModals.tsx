import { useState } from 'react';
import { Alert, App, Form, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type ProgrammeDetail } from '../../api.ts';
import { useClusterTree } from './shared.tsx';

interface NewValues {
  majorId: number;
  cohortYear: number;
  graduationCredits: number;
  electiveCreditsRequired: number;
}

/** 新建培养方案: major + cohort + graduation credits; opens the builder on success. */
export function NewProgrammeModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { majorOptions } = useClusterTree();
  const [form] = Form.useForm<NewValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const created = await api.createProgramme(values);
      message.success(t('programmes.created'));
      onCreated(created.id);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('programmes.new')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('programmes.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'new-programme-ok' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="new-programme-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ cohortYear: new Date().getFullYear() + 1, graduationCredits: 148, electiveCreditsRequired: 16 }}
      >
        <Form.Item name="majorId" label={t('programmes.major')} rules={[{ required: true, message: t('programmes.majorRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={majorOptions}
            data-testid="new-programme-major"
            placeholder={t('programmes.majorPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="cohortYear" label={t('programmes.cohortYear')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2100} style={{ width: '100%' }} data-testid="new-programme-cohort" />
        </Form.Item>
        <Form.Item name="graduationCredits" label={t('programmes.graduationCredits')} rules={[{ required: true }]}>
          <InputNumber min={1} max={400} style={{ width: '100%' }} data-testid="new-programme-credits" />
        </Form.Item>
        <Form.Item
          name="electiveCreditsRequired"
          label={t('programmes.electiveCreditsRequired')}
          extra={t('programmes.electiveCreditsHint')}
        >
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 复制到新年级: copies a programme (courses on their current versions) into a new draft. */
export function CopyProgrammeModal({
  programme,
  onClose,
  onCopied,
}: {
  programme: ProgrammeDetail;
  onClose: () => void;
  onCopied: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { majorOptions } = useClusterTree();
  const [form] = Form.useForm<{ cohortYear: number; majorId: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const copy = await api.copyProgramme(programme.id, {
        cohortYear: values.cohortYear,
        majorId: values.majorId === programme.majorId ? undefined : values.majorId,
      });
      message.success(t('programmes.copied', { name: copy.name }));
      onCopied(copy.id);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('programmes.copyTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={saving}
      okText={t('programmes.copy')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ cohortYear: programme.cohortYear + 1, majorId: programme.majorId }}>
        <Form.Item name="majorId" label={t('programmes.major')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={majorOptions} />
        </Form.Item>
        <Form.Item name="cohortYear" label={t('programmes.cohortYear')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2100} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
