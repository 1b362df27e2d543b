import { Alert, Card, Divider, Progress, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreditRules, ProgrammeDetail, RuleCheck, RuleResult } from '../../api.ts';
import { useCohortRange } from './credit-rules-range.ts';
import { percentOf } from './shared.tsx';
import { round1 } from '../../lib/format.ts';

interface Metric {
  rule: string;
  label: string;
  actual: number;
  required: number;
  /** Text of the target, e.g. "≥ 50" or "120–160". */
  target: string;
  unit: string;
  /** Over the limit is the problem (term load), not under. */
  ceiling?: boolean;
}

/** Rules that have their own progress row; anything else the server reports is listed below them. */
const metricRules = new Set([
  'shared_course_count',
  'shared_credits',
  'core_credits',
  'cross_group_extension_credits',
  'practice_share',
  'total_credits',
  'graduation_credits',
  'term_credits',
]);

function MetricRow({ metric, result }: { metric: Metric; result: RuleResult | undefined }) {
  const { t } = useTranslation();
  const ok = result ? result.status === 'ok' : metric.ceiling ? metric.actual <= metric.required : metric.actual >= metric.required;
  const percent = percentOf(metric.actual, metric.required);
  const status = ok ? 'success' : result?.status === 'missing' ? 'normal' : 'exception';
  return (
    <div data-testid={`rule-${metric.rule}`} data-status={ok ? 'ok' : (result?.status ?? 'missing')} style={{ marginBottom: 12 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{metric.label}</Typography.Text>
        <Typography.Text type={ok ? 'success' : 'danger'}>
          {t('rulePanel.actualOfTarget', { actual: metric.actual, target: metric.target, unit: metric.unit })}
        </Typography.Text>
      </Space>
      <Progress
        percent={percent}
        size="small"
        status={status}
        showInfo={false}
        strokeColor={!ok && metric.ceiling ? '#ff4d4f' : undefined}
      />
      {result && (
        <Typography.Text type={ok ? 'secondary' : 'danger'} style={{ fontSize: 12 }} data-testid={`rule-message-${metric.rule}`}>
          {result.message}
        </Typography.Text>
      )}
    </div>
  );
}

/** Which rule version the check uses: "规则版本 v3，2025 级起执行", kept from submission or followed while a draft. */
function RuleVersionLine({ version }: { version: ProgrammeDetail['ruleVersion'] }) {
  const { t } = useTranslation();
  const range = useCohortRange();
  return (
    <div
      style={{ marginBottom: 12 }}
      data-testid="rule-version"
      data-version={version.versionNo ?? 'defaults'}
      data-pinned={version.pinned}
    >
      <Typography.Text strong>
        {version.versionNo === null
          ? t('creditRules.panel.defaults')
          : t('creditRules.panel.version', { version: version.versionNo, range: range(version) })}
      </Typography.Text>
      <div>
        {version.pinned ? (
          <Space size={4} wrap>
            <Tag color="blue">{t('creditRules.panel.pinned')}</Tag>
            {version.inForceVersionNo !== null && <Tag>{t('creditRules.panel.pinnedNow', { version: version.inForceVersionNo })}</Tag>}
          </Space>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('creditRules.panel.follows')}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}

/** Live credit-structure check: progress toward each rule with the server's own words, under the rule version it uses. */
export function RulePanel({
  check,
  rules,
  version,
  graduationCredits,
  checking,
  error,
}: {
  check: RuleCheck | null;
  rules: CreditRules;
  /** The rule version the programme is checked against (the programme's `ruleVersion`). */
  version?: ProgrammeDetail['ruleVersion'];
  graduationCredits: number;
  checking: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  if (!check)
    return (
      <Card size="small" title={t('rulePanel.title')}>
        <Spin />
      </Card>
    );
  const { metrics } = check;
  const find = (rule: string) => check.results.find((result) => result.rule === rule);
  const credits = t('rulePanel.credits');
  const metricRows: Metric[] = [
    {
      rule: 'shared_course_count',
      label: t('rulePanel.sharedCount'),
      actual: metrics.sharedCourseCount,
      required: rules.sharedCourseCount,
      target: `≥ ${rules.sharedCourseCount}`,
      unit: t('rulePanel.courses'),
    },
    {
      rule: 'shared_credits',
      label: t('rulePanel.sharedCredits'),
      actual: metrics.sharedCredits,
      required: rules.sharedCredits,
      target: `≥ ${rules.sharedCredits}`,
      unit: credits,
    },
    {
      rule: 'core_credits',
      label: t('rulePanel.coreCredits'),
      actual: metrics.coreCredits,
      required: rules.coreCredits,
      target: `≥ ${rules.coreCredits}`,
      unit: credits,
    },
    {
      rule: 'cross_group_extension_credits',
      label: t('rulePanel.crossGroupCredits'),
      actual: metrics.crossGroupExtensionCredits,
      required: rules.crossGroupExtensionCredits,
      target: `≥ ${rules.crossGroupExtensionCredits}`,
      unit: credits,
    },
    {
      rule: 'practice_share',
      label: t('rulePanel.practiceShare'),
      actual: round1(metrics.practiceShare * 100),
      required: round1(rules.practiceShareMin * 100),
      target: `≥ ${round1(rules.practiceShareMin * 100)}`,
      unit: '%',
    },
    {
      rule: 'total_credits',
      label: t('rulePanel.totalCredits'),
      actual: metrics.totalCredits,
      required: rules.totalCreditsMin,
      target: `${rules.totalCreditsMin}–${rules.totalCreditsMax}`,
      unit: credits,
    },
    {
      rule: 'graduation_credits',
      label: t('rulePanel.graduationCredits'),
      actual: metrics.totalCredits,
      required: graduationCredits,
      target: `≥ ${graduationCredits}`,
      unit: credits,
    },
  ];
  const others = check.results.filter((result) => !metricRules.has(result.rule));
  const broken = check.results.filter((result) => result.status !== 'ok');

  return (
    <Card
      size="small"
      title={t('rulePanel.title')}
      extra={checking ? <Spin size="small" /> : null}
      data-testid="rule-panel"
      styles={{ body: { paddingTop: 12 } }}
    >
      {version && <RuleVersionLine version={version} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="rule-check-error" />}
      {check.passed ? (
        <Alert
          type="success"
          showIcon
          title={t('rulePanel.passed')}
          style={{ marginBottom: 12 }}
          data-testid="rule-summary"
          data-passed="true"
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('rulePanel.broken', { count: broken.length })}
          style={{ marginBottom: 12 }}
          data-testid="rule-summary"
          data-passed="false"
        />
      )}
      {metricRows.map((metric) => (
        <MetricRow key={metric.rule} metric={metric} result={find(metric.rule)} />
      ))}
      <Divider style={{ margin: '8px 0 12px' }}>{t('rulePanel.termLoad')}</Divider>
      {metrics.creditsByTerm.map((value, index) => {
        // An over-full term is a `term_credits` finding whose params name the term (the hand-written type said `term_over`).
        const over = check.results.find((result) => result.rule === 'term_credits' && Number(result.params?.term) === index + 1);
        return (
          <MetricRow
            key={`term-${index + 1}`}
            metric={{
              rule: `term_${index + 1}`,
              label: t('rulePanel.term', { term: index + 1 }),
              actual: value,
              required: rules.termCreditsMax,
              target: `≤ ${rules.termCreditsMax}`,
              unit: credits,
              ceiling: true,
            }}
            result={over}
          />
        );
      })}
      {metrics.electiveOptionCredits > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('rulePanel.electiveOptions', { credits: metrics.electiveOptionCredits })}
        </Typography.Paragraph>
      )}
      {others.length > 0 && (
        <>
          <Divider style={{ margin: '8px 0 12px' }}>{t('rulePanel.otherFindings')}</Divider>
          <Space orientation="vertical" size={4} data-testid="rule-others">
            {others.map((result, index) => (
              <Typography.Text
                key={`${result.rule}-${index}`}
                type={result.status === 'ok' ? 'secondary' : 'danger'}
                data-testid={`rule-${result.rule}`}
                data-status={result.status}
                style={{ fontSize: 12 }}
              >
                {result.message}
              </Typography.Text>
            ))}
          </Space>
        </>
      )}
    </Card>
  );
}
