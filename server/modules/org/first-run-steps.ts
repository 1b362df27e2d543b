/**
 * The org module's steps of an institution's first-run setup (the platform's 首次配置向导 card): the
 * institution, its departments, majors, teachers and students, then the cluster and its groups. Each is
 * done or not as the tables say, counted in one statement.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rowsOf } from '../../db/sql.ts';
import { countOf, type LocalizedText } from '../../platform/messages.ts';
import type { SetupStep } from '../../platform/setup-steps.ts';
import { clusters, departments, institutions, majors, professionalGroups, students, teachers } from './schema.ts';

const both = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const number = (value: number) => value.toLocaleString('en-US');
/** The import wizard, opened on one import definition. */
const importOf = (entity: string) => `/imports?entity=${entity}`;

interface Counts {
  name: string;
  code: string;
  departments: number;
  majors: number;
  teachers: number;
  students: number;
  clusters: number;
  groups: number;
}

export async function orgSetupSteps(app: AppContext, institutionId: number | null): Promise<SetupStep[]> {
  const counts: Counts | undefined =
    institutionId === null
      ? undefined
      : rowsOf<Counts>(
          await app.db.execute(sql`
          SELECT i.name, i.code,
            (SELECT count(*)::int FROM ${departments} d WHERE d.institution_id = i.id) AS departments,
            (SELECT count(*)::int FROM ${majors} m WHERE m.institution_id = i.id) AS majors,
            (SELECT count(*)::int FROM ${teachers} t WHERE t.institution_id = i.id) AS teachers,
            (SELECT count(*)::int FROM ${students} s WHERE s.institution_id = i.id) AS students,
            (SELECT count(*)::int FROM ${clusters} c WHERE c.institution_id = i.id) AS clusters,
            (SELECT count(*)::int FROM ${professionalGroups} g WHERE g.institution_id = i.id AND g.cluster_id IS NOT NULL) AS groups
          FROM ${institutions} i WHERE i.id = ${institutionId}`),
        )[0];
  const has = (key: Exclude<keyof Counts, 'name' | 'code'>) => Number(counts?.[key] ?? 0);
  const step = (key: string, label: LocalizedText, done: boolean, detail: LocalizedText, todo: LocalizedText, link: string) => ({
    key: `org.${key}`,
    label,
    done,
    detail: done ? detail : todo,
    link,
  });
  return [
    step(
      'institution',
      both('设置本校', 'Your institution'),
      Boolean(counts),
      both(`${counts?.name}（${counts?.code}）`, `${counts?.name} (${counts?.code})`),
      both(
        '新建本校（学校代码、名称、类型），或选择已有的一所作为本校',
        'Create your institution (code, name, kind) or choose an existing one',
      ),
      '/org/institution',
    ),
    step(
      'departments',
      both('建立系部', 'Add departments'),
      has('departments') > 0,
      both(`${number(has('departments'))} 个系部`, countOf(has('departments'), 'department', 'departments', number)),
      both('导入系部名单，或在专业集群页逐个新建', 'Import the list of departments, or add them one by one on the cluster page'),
      importOf('departments'),
    ),
    step(
      'majors',
      both('导入专业', 'Import majors'),
      has('majors') > 0,
      both(`${number(has('majors'))} 个专业`, countOf(has('majors'), 'major', 'majors', number)),
      both('导入专业目录（专业代码、名称、所属系部）', 'Import the majors (code, name, department)'),
      importOf('majors'),
    ),
    step(
      'teachers',
      both('导入教师', 'Import teachers'),
      has('teachers') > 0,
      both(`${number(has('teachers'))} 名教师`, countOf(has('teachers'), 'teacher', 'teachers', number)),
      both('导入教师名册（工号、姓名、所属系部）', 'Import the teachers (staff no., name, department)'),
      importOf('teachers'),
    ),
    step(
      'students',
      both('导入学生', 'Import students'),
      has('students') > 0,
      both(`${number(has('students'))} 名学生`, countOf(has('students'), 'student', 'students', number)),
      both('导入学生名册（学号、姓名、年级、专业）', 'Import the students (student no., name, cohort, major)'),
      importOf('students'),
    ),
    step(
      'cluster',
      both('建立专业集群与专业群', 'Cluster and groups'),
      has('clusters') > 0 && has('groups') > 0,
      both(
        `${number(has('clusters'))} 个专业集群、${number(has('groups'))} 个专业群`,
        `${countOf(has('clusters'), 'cluster', 'clusters', number)}, ${countOf(has('groups'), 'group', 'groups', number)}`,
      ),
      has('clusters') > 0
        ? both('已有专业集群，还需在其中新建专业群', 'The cluster is there; now create its professional groups')
        : both('在专业集群页新建专业集群，再新建其中的专业群', 'On the cluster page, create the cluster, then its professional groups'),
      '/org',
    ),
  ];
}
