import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  creditbankApi,
  errorMessage,
  type CertificateLevel,
  type ConversionRules,
  type RuleSet,
  type RuleSetInput,
  type RuleSetList,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { ReviewSettingsCard } from './ReviewSettingsCard.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { certificateLevels, ClusterPicker, competitionLevels, prizes, useClusters } from './shared.tsx';
import { useAsyncAction } from '../../lib/hooks.ts';

type Problem = { field: string };

/** A new draft is valid from today in Beijing, as the server reckons it: never a day the server has not reached yet. */
const beijingDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = () => beijingDay.format(new Date());
const inputOf = (set: Pick<RuleSet, 'rules' | 'validFrom' | 'validTo' | 'note'>): RuleSetInput => ({
  rules: structuredClone(set.rules),
  validFrom: set.validFrom,
  validTo: set.validTo,
  note: set.note,
});

/** 学分置换规则: versions per cluster; 教务 drafts and edits, another 教务 approves. */
export default function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const mayEdit = can('creditbank.rules');
  const { clusters, clusterId, setClusterId, error: clusterError } = useClusters();
  const [list, setList] = useState<RuleSetList | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [edit, setEdit] = useState<RuleSetInput | null>(null);
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const write = useAsyncAction();
  const error = write.error ?? loadError;
  // The fields the server found wrong (RULES_INVALID names each one).
  const problems = useMemo(
    () => (write.failure instanceof ApiError ? ((write.failure.details as { problems?: Problem[] } | null)?.problems ?? []) : []),
    [write.failure],
  );

  const load = useCallback(
    async (select?: number) => {
      if (!clusterId) return;
      setLoadError(null);
      try {
        const result = await creditbankApi.ruleSets(clusterId);
        setList(result);
        const chosen =
          result.versions.find((version) => version.id === select) ??
          result.versions.find((version) => version.status === 'draft') ??
          result.versions.find((version) => version.id === result.currentId) ??
          result.versions[0];
        setSelectedId(chosen?.id ?? null);
        setEdit(chosen ? inputOf(chosen) : null);
        setDirty(false);
      } catch (caught) {
        setList(null);
        setLoadError(errorMessage(caught));
      }
    },
    [clusterId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const selected = list?.versions.find((version) => version.id === selectedId) ?? null;
  const current = list?.versions.find((version) => version.id === list.currentId) ?? null;
  const editable = Boolean(mayEdit && selected?.status === 'draft');

  const select = (version: RuleSet) => {
    setSelectedId(version.id);
    setEdit(inputOf(version));
    setDirty(false);
    write.clear();
  };

  const createDraft = async (from: 'current' | 'defaults') => {
    if (!clusterId || !list) return;
    const rules = from === 'current' && current ? current.rules : list.defaults;
    await write.run(async () => {
      const created = await creditbankApi.createRuleDraft(clusterId, { rules, validFrom: today(), validTo: null, note: null });
      message.success(t('creditbank.rules.drafted', { version: created.versionNo }));
      await load(created.id);
    });
  };

  const save = async () => {
    if (!selected || !edit) return;
    await write.run(async () => {
      await creditbankApi.updateRuleDraft(selected.id, { ...edit, note: edit.note?.trim() || null });
      message.success(t('common.saved'));
      await load(selected.id);
    });
  };

  const approve = async () => {
    if (!selected) return;
    // Approving one's own draft is refused with 403 不能审批自己起草的规则版本: shown as the server says it.
    await write.run(async () => {
      await creditbankApi.approveRuleSet(selected.id);
      message.success(t('creditbank.rules.approved', { version: selected.versionNo }));
      await load(selected.id);
    });
  };

  const change = (update: (rules: ConversionRules) => void) => {
    setEdit((previous) => {
      if (!previous) return previous;
      const rules = structuredClone(previous.rules);
      update(rules);
      return { ...previous, rules };
    });
    setDirty(true);
  };
  const bad = useMemo(() => new Set(problems.map((problem) => problem.field)), [problems]);

  const credits = (value: number, field: string, onChange: (next: number) => void) => (
    <InputNumber
      size="small"
      min={0}
      max={20}
      step={0.5}
      precision={1}
      value={value}
      disabled={!editable}
      status={bad.has(field) ? 'error' : undefined}
      onChange={(next) => onChange(typeof next === 'number' ? next : 0)}
      data-testid={`rule-${field}`}
      style={{ width: 90 }}
    />
  );

  const fieldLabel = (field: string) => {
    const [table, first, second] = field.split('.');
    if (table === 'crossGroupCertificateCredits' || table === 'ownGroupCertificateCredits')
      return `${t(`creditbank.rules.${table}`)} · ${t(`creditbank.level.${first}`)}`;
    if (table === 'competitionCredits') return `${t(`creditbank.competitionLevel.${first}`)} · ${t(`creditbank.prize.${second}`)}`;
    return t(`creditbank.rules.${table}`, { defaultValue: field });
  };

  const statusTag = (version: RuleSet) => (
    <Space size={4}>
      <Tag color={version.status === 'approved' ? 'success' : 'processing'}>{t(`creditbank.rules.status.${version.status}`)}</Tag>
      {version.id === list?.currentId && (
        <Tag color="gold" data-testid="rule-current">
          {t('creditbank.rules.current')}
        </Tag>
      )}
    </Space>
  );

  return (
    <PageCard
      title={t('creditbank.rules.title')}
      extra={
        <Space wrap>
          <ClusterPicker
            clusters={clusters}
            value={clusterId}
            onChange={(id) => {
              setClusterId(id);
              setList(null);
            }}
          />
          {mayEdit && (
            <Button disabled={!current || write.busy} onClick={() => void createDraft('current')} data-testid="draft-from-current">
              {t('creditbank.rules.draftFromCurrent')}
            </Button>
          )}
          {mayEdit && (
            <Button disabled={!list || write.busy} onClick={() => void createDraft('defaults')} data-testid="draft-from-defaults">
              {t('creditbank.rules.draftFromDefaults')}
            </Button>
          )}
        </Space>
      }
    >
      {clusterError !== null && <Alert type="error" showIcon title={errorMessage(clusterError)} style={{ marginBottom: 12 }} />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="rules-error"
          description={
            problems.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((problem) => (
                  <li key={problem.field}>{fieldLabel(problem.field)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Table<RuleSet>
        rowKey="id"
        size="small"
        data-testid="rule-versions"
        loading={list === null && clusterId !== null && !error}
        dataSource={list?.versions ?? []}
        pagination={false}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selectedId ? [selectedId] : [],
          onChange: (_keys, rows) => rows[0] && select(rows[0]),
        }}
        onRow={(version) =>
          ({ onClick: () => select(version), style: { cursor: 'pointer' }, 'data-testid': `rule-version-${version.versionNo}` }) as never
        }
        style={{ marginBottom: 16 }}
        columns={[
          {
            title: t('creditbank.rules.version'),
            dataIndex: 'versionNo',
            width: 90,
            render: (value: number) => t('creditbank.rules.versionNo', { version: value }),
          },
          { title: t('creditbank.status'), key: 'status', width: 150, render: (_, version) => statusTag(version) },
          {
            title: t('creditbank.rules.validity'),
            key: 'validity',
            width: 210,
            render: (_, version) => `${version.validFrom} — ${version.validTo ?? t('creditbank.rules.openEnded')}`,
          },
          { title: t('creditbank.rules.note'), dataIndex: 'note', render: (value: string | null) => value ?? '' },
          { title: t('creditbank.rules.createdAt'), dataIndex: 'createdAt', width: 135, render: formatDateTime },
          { title: t('creditbank.rules.approvedAt'), dataIndex: 'approvedAt', width: 135, render: formatDateTime },
        ]}
      />
      {!selected || !edit ? (
        list && <Empty description={t('creditbank.rules.none')} />
      ) : (
        <Card
          size="small"
          data-testid="rule-editor"
          title={
            <Space>
              {t('creditbank.rules.versionNo', { version: selected.versionNo })}
              {statusTag(selected)}
            </Space>
          }
          extra={
            editable && (
              <Space>
                <Button type="primary" loading={write.busy} disabled={!dirty} onClick={() => void save()} data-testid="rule-save">
                  {t('creditbank.rules.save')}
                </Button>
                <Popconfirm
                  title={t('creditbank.rules.approveConfirm')}
                  onConfirm={() => approve()}
                  disabled={dirty}
                  okButtonProps={{ 'data-testid': 'rule-approve-ok' } as never}
                >
                  <Button disabled={dirty || write.busy} data-testid="rule-approve">
                    {t('creditbank.rules.approve')}
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          {editable && <Typography.Paragraph type="secondary">{t('creditbank.rules.approveHint')}</Typography.Paragraph>}
          {!editable && selected.status === 'draft' && (
            <Alert type="info" showIcon title={t('creditbank.rules.readOnly')} style={{ marginBottom: 12 }} />
          )}
          <Row gutter={[24, 16]}>
            <Col xs={24} xl={10}>
              <Typography.Title level={5}>{t('creditbank.rules.certificateCredits')}</Typography.Title>
              <Table
                size="small"
                pagination={false}
                rowKey="level"
                dataSource={certificateLevels.map((level) => ({ level }))}
                columns={[
                  {
                    title: t('creditbank.level.title'),
                    dataIndex: 'level',
                    render: (level: CertificateLevel) => t(`creditbank.level.${level}`),
                  },
                  ...(['crossGroupCertificateCredits', 'ownGroupCertificateCredits'] as const).map((table) => ({
                    title: t(`creditbank.rules.${table}`),
                    key: table,
                    render: (_: unknown, row: { level: CertificateLevel }) =>
                      credits(edit.rules[table][row.level], `${table}.${row.level}`, (next) =>
                        change((rules) => {
                          rules[table][row.level] = next;
                        }),
                      ),
                  })),
                ]}
              />
            </Col>
            <Col xs={24} xl={14}>
              <Typography.Title level={5}>{t('creditbank.rules.competitionCredits')}</Typography.Title>
              <Table
                size="small"
                pagination={false}
                rowKey="level"
                dataSource={competitionLevels.map((level) => ({ level }))}
                columns={[
                  {
                    title: t('creditbank.competitionLevel.title'),
                    dataIndex: 'level',
                    render: (level: string) => t(`creditbank.competitionLevel.${level}`),
                  },
                  ...prizes.map((prize) => ({
                    title: t(`creditbank.prize.${prize}`),
                    key: prize,
                    render: (_: unknown, row: { level: (typeof competitionLevels)[number] }) =>
                      credits(edit.rules.competitionCredits[row.level][prize], `competitionCredits.${row.level}.${prize}`, (next) =>
                        change((rules) => {
                          rules.competitionCredits[row.level][prize] = next;
                        }),
                      ),
                  })),
                ]}
              />
            </Col>
          </Row>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('creditbank.rules.maxConvertedCreditsPerStudent')}>
              <InputNumber
                min={0.5}
                max={80}
                step={0.5}
                precision={1}
                value={edit.rules.maxConvertedCreditsPerStudent}
                disabled={!editable}
                data-testid="rule-cap"
                status={bad.has('maxConvertedCreditsPerStudent') ? 'error' : undefined}
                onChange={(next) =>
                  change((rules) => {
                    rules.maxConvertedCreditsPerStudent = typeof next === 'number' ? next : 0;
                  })
                }
                suffix={t('creditbank.creditsUnit')}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.rules.maxConvertedShareOfProgramme')}>
              <InputNumber
                min={1}
                max={100}
                step={1}
                precision={0}
                value={Math.round(edit.rules.maxConvertedShareOfProgramme * 100)}
                disabled={!editable}
                data-testid="rule-share"
                status={bad.has('maxConvertedShareOfProgramme') ? 'error' : undefined}
                onChange={(next) =>
                  change((rules) => {
                    rules.maxConvertedShareOfProgramme = typeof next === 'number' ? next / 100 : 0;
                  })
                }
                suffix="%"
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.rules.allowExemption')}>
              <Switch
                checked={edit.rules.allowExemption}
                disabled={!editable}
                data-testid="rule-exemption"
                onChange={(checked) =>
                  change((rules) => {
                    rules.allowExemption = checked;
                  })
                }
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.rules.validity')}>
              <Space wrap>
                <DatePicker
                  value={dayjs(edit.validFrom)}
                  allowClear={false}
                  disabled={!editable}
                  data-testid="rule-valid-from"
                  onChange={(value) => {
                    if (value) {
                      setEdit({ ...edit, validFrom: value.format('YYYY-MM-DD') });
                      setDirty(true);
                    }
                  }}
                />
                —
                <DatePicker
                  value={edit.validTo ? dayjs(edit.validTo) : null}
                  disabled={!editable}
                  placeholder={t('creditbank.rules.openEnded')}
                  data-testid="rule-valid-to"
                  onChange={(value) => {
                    setEdit({ ...edit, validTo: value ? value.format('YYYY-MM-DD') : null });
                    setDirty(true);
                  }}
                />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('creditbank.rules.note')} span={2}>
              <Input.TextArea
                rows={2}
                maxLength={500}
                showCount
                value={edit.note ?? ''}
                disabled={!editable}
                data-testid="rule-note"
                onChange={(event) => {
                  setEdit({ ...edit, note: event.target.value });
                  setDirty(true);
                }}
              />
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <ReviewSettingsCard />
    </PageCard>
  );
}
