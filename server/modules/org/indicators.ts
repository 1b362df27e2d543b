import { and, eq, inArray, sql } from 'drizzle-orm';
import type { IndicatorDefinition } from '../../platform/indicators/registry.ts';
import { professionalGroups, teachers } from './schema.ts';
import { countAll } from '../../db/sql.ts';

/** What the org module can already measure from its own data. */
export const orgIndicators: IndicatorDefinition[] = [
  {
    key: 'org.dual_qualified_teacher_ratio',
    module: 'org',
    dimension: '四能型教师流通',
    name: { 'zh-CN': '“双师型”教师占专业课教师比例', en: 'Share of dual-qualified (双师型) teachers' },
    unit: 'ratio',
    unitTypes: ['cluster', 'group'],
    defaultTarget: 0.5,
    comparison: '>=',
    monitoringSource: { 'zh-CN': '人事与教务管理系统（教师名册）', en: 'Staff roster' },
    definition: {
      'zh-CN': '本单位（集群或专业群）在职教师中被认定为“双师型”的人数 ÷ 在职教师人数；以所属专业群归属教师',
      en: 'Active teachers of the unit (cluster or group, by home group) recognised as dual-qualified ÷ all active teachers of the unit',
    },
    async compute(db, unit) {
      const groupIds =
        unit.type === 'group'
          ? [unit.id]
          : (await db.select({ id: professionalGroups.id }).from(professionalGroups).where(eq(professionalGroups.clusterId, unit.id))).map(
              (row) => row.id,
            );
      const [counts] = await db
        .select({
          total: countAll(),
          dual: sql<number>`count(*) FILTER (WHERE ${teachers.isDualQualified})::int`,
        })
        .from(teachers)
        .where(
          and(
            eq(teachers.institutionId, unit.institutionId),
            eq(teachers.status, 'active'),
            inArray(teachers.homeGroupId, groupIds.concat(-1)),
          ),
        );
      const total = counts?.total ?? 0;
      const dual = counts?.dual ?? 0;
      return { value: total === 0 ? 0 : dual / total, inputs: { groupIds, activeTeachers: total, dualQualifiedTeachers: dual } };
    },
  },
];
