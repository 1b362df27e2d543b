import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, type Answer, type ClusterNode, type GroupNode, type MajorDetail } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useMarks } from '../../lib/hooks.ts';
import { changedFields } from './changes.ts';

export type Department = Answer<'/api/departments'>[number];
type DepartmentKind = 'department' | 'secondary_college' | 'campus_unit';
type MajorLevel = NonNullable<MajorDetail['level']>;
const majorLevels = ['higher_vocational', 'secondary_vocational', 'undergraduate', 'technician'] as const;

/** What 编辑 opens a form for: one record of the cluster page, with its current values. */
export type EditTarget =
  | { kind: 'department'; department: Department }
  | { kind: 'cluster'; cluster: ClusterNode }
  | { kind: 'group'; group: GroupNode }
  | { kind: 'major'; major: MajorDetail };

interface Values {
  name: string;
  kind?: DepartmentKind;
  formedOn?: Dayjs | null;
  description?: string | null;
  shortName?: string | null;
  departmentId?: number | null;
  coreMajorCode?: string | null;
  industryChain?: string | null;
  groupId?: number | null;
  level?: MajorLevel;
  firstEnrolmentYear?: number | null;
}

/** The form's starting values: the record as it is now. */
function currentValues(target: EditTarget): Values {
  switch (target.kind) {
    case 'department':
      return { name: target.department.name, kind: target.department.kind as DepartmentKind };
    case 'cluster':
      return {
        name: target.cluster.name,
        formedOn: target.cluster.formedOn ? dayjs(target.cluster.formedOn) : null,
        description: target.cluster.description ?? null,
      };
    case 'group':
      return {
        name: target.group.name,
        shortName: target.group.shortName ?? null,
        departmentId: target.group.departmentId ?? null,
        coreMajorCode: target.group.coreMajorCode ?? null,
        industryChain: target.group.industryChain ?? null,
      };
    case 'major':
      return {
        name: target.major.name,
        departmentId: target.major.departmentId ?? null,
        groupId: target.major.groupId ?? null,
        level: target.major.level as MajorLevel,
        firstEnrolmentYear: target.major.firstEnrolmentYear ?? null,
      };
  }
}

const actionOf: Record<EditTarget['kind'], string> = {
  department: 'org.write',
  cluster: 'org.write',
  group: 'group.write',
  major: 'major.write',
};

/** 编辑 on a record of the cluster page: a form with its current values that saves the changed fields. */
export function OrgEditButton({
  target,
  departments,
  tree,
  onSaved,
  size = 'middle',
}: {
  target: EditTarget;
  departments: Department[];
  tree: ClusterNode[];
  onSaved: () => void;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const mark = useMarks();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  if (!can(actionOf[target.kind])) return null;
  const initial = currentValues(target);

  const save = async () => {
    const values = await form.validateFields();
    const patch = changedFields(initial, values);
    if (Object.keys(patch).length === 0) {
      setOpen(false);
      return;
    }
    setSaving(true);
    try {
      // The patch holds fields of this kind's form only, each in the API's terms.
      if (target.kind === 'department')
        await api.updateDepartment(target.department.id, patch as Parameters<typeof api.updateDepartment>[1]);
      if (target.kind === 'cluster') await api.updateCluster(target.cluster.id, patch as Parameters<typeof api.updateCluster>[1]);
      if (target.kind === 'group') await api.updateGroup(target.group.id, patch as Parameters<typeof api.updateGroup>[1]);
      if (target.kind === 'major') await api.updateMajor(target.major.id, patch as Parameters<typeof api.updateMajor>[1]);
      message.success(t('common.saved'));
      setOpen(false);
      onSaved();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const departmentOptions = departments.map((department) => ({ value: department.id, label: department.name }));
  const code =
    target.kind === 'department'
      ? target.department.code
      : target.kind === 'cluster'
        ? target.cluster.code
        : target.kind === 'group'
          ? target.group.code
          : target.major.code;
  return (
    <>
      <Button size={size} icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid={`edit-${target.kind}`}>
        {t('orgSetup.edit')}
      </Button>
      <Modal
        open={open}
        title={`${t(`orgSetup.editTitle.${target.kind}`)}${mark.colon}${code}`}
        okText={t('orgSetup.save')}
        cancelText={t('orgSetup.cancel')}
        confirmLoading={saving}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'org-edit-save' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} preserve={false} initialValues={initial}>
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('orgSetup.required') }]}>
            <Input maxLength={100} data-testid="org-edit-name" />
          </Form.Item>
          {target.kind === 'department' && (
            <Form.Item name="kind" label={t('orgSetup.departmentKind')}>
              <Select
                options={(['department', 'secondary_college', 'campus_unit'] as const).map((value) => ({
                  value,
                  label: t(`orgSetup.departmentKinds.${value}`),
                }))}
              />
            </Form.Item>
          )}
          {target.kind === 'cluster' && (
            <>
              <Form.Item name="formedOn" label={t('org.formedOn')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="description" label={t('org.description')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {target.kind === 'group' && (
            <>
              <Form.Item name="shortName" label={t('org.shortName')}>
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item name="departmentId" label={t('orgSetup.leadDepartment')}>
                <Select allowClear options={departmentOptions} data-testid="org-edit-department" />
              </Form.Item>
              <Form.Item
                name="coreMajorCode"
                label={t('org.coreMajor')}
                rules={[{ pattern: /^[0-9]{6}$/, message: t('orgSetup.majorCodeRule') }]}
              >
                <Input maxLength={6} />
              </Form.Item>
              <Form.Item name="industryChain" label={t('org.industryChain')}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          {target.kind === 'major' && (
            <>
              <Form.Item name="groupId" label={t('org.group')}>
                <Select
                  allowClear
                  options={tree.flatMap((cluster) => cluster.groups.map((group) => ({ value: group.id, label: group.name })))}
                />
              </Form.Item>
              <Form.Item name="departmentId" label={t('orgSetup.department')}>
                <Select allowClear options={departmentOptions} />
              </Form.Item>
              <Form.Item name="level" label={t('org.level')}>
                <Select options={majorLevels.map((value) => ({ value, label: t(`majorLevel.${value}`) }))} />
              </Form.Item>
              <Form.Item name="firstEnrolmentYear" label={t('org.firstEnrolmentYear')}>
                <InputNumber min={1949} max={2100} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
