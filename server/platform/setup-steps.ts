/**
 * 首次配置向导: the steps by which an institution sets itself up — each module's own (the org module's
 * institution, departments, majors, teachers, students, cluster and groups, from its tables) and, last,
 * the platform's: an account for every student and teacher on the rosters (from the users table). One
 * workbench card lists them in order, the first not done highlighted as the next step with the page
 * where it is done; the card goes away once every step is done (and comes back when, say, a new cohort
 * is imported without accounts).
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/sql.ts';
import { can, holdsAnywhere, type Actor } from './access.ts';
import { countOf, type LocalizedText } from './messages.ts';
import type { WorkbenchCard } from './workbench.ts';

export interface SetupStep {
  /** `<module>.<step>`, stable (the web app and the tests find steps by it). */
  key: string;
  label: LocalizedText;
  /** What is there already, or what to do. */
  detail: LocalizedText;
  done: boolean;
  /** The page where the step is done. */
  link: string;
}

const both = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const number = (value: number) => value.toLocaleString('en-US');

/** Who on the institution's rosters has no account yet, counted in one statement. */
export async function accountsMissing(app: AppContext, institutionId: number) {
  const source = app.modules.find((manifest) => manifest.accountHolderSet);
  const counts = { student: { total: 0, missing: 0 }, teacher: { total: 0, missing: 0 } };
  if (!source) return counts;
  const holders = source.accountHolderSet!({ institutionId, kinds: ['student', 'teacher'] });
  const rows = rowsOf<{ kind: 'student' | 'teacher'; total: number; missing: number }>(
    await app.db.execute(sql`
      SELECT h.kind, count(*)::int AS total,
        count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM users u WHERE h.kind = 'student' AND u.student_id = h.person_id)
                           AND NOT EXISTS (SELECT 1 FROM users u WHERE h.kind = 'teacher' AND u.teacher_id = h.person_id))::int AS missing
      FROM (${holders}) h GROUP BY h.kind`),
  );
  for (const row of rows) counts[row.kind] = { total: Number(row.total), missing: Number(row.missing) };
  return counts;
}

/** The platform's step: every enrolled student and active teacher has an account (provisioned from the roster). */
async function accountsStep(app: AppContext, actor: Actor, institutionId: number | null): Promise<SetupStep> {
  const label = both('开通账号', 'Open accounts');
  // Administrators provision on 用户与权限; 教务 straight from the card (the web app offers the button there).
  const link = holdsAnywhere(actor, 'users.manage') ? '/admin/users' : '/';
  if (institutionId === null)
    return { key: 'platform.accounts', label, detail: both('先设置本校', 'Set up your institution first'), done: false, link };
  const { student, teacher } = await accountsMissing(app, institutionId);
  const missing = student.missing + teacher.missing;
  if (student.total + teacher.total === 0)
    return {
      key: 'platform.accounts',
      label,
      detail: both('导入学生和教师名册后，按名册开通账号', 'Once the rosters are imported, open accounts from them'),
      done: false,
      link,
    };
  // "12 名学生、3 名教师" / "12 students and 1 teacher", naming only who is waiting.
  const waiting = (zh: boolean) =>
    [
      student.missing > 0 ? (zh ? `${number(student.missing)} 名学生` : countOf(student.missing, 'student', 'students', number)) : null,
      teacher.missing > 0 ? (zh ? `${number(teacher.missing)} 名教师` : countOf(teacher.missing, 'teacher', 'teachers', number)) : null,
    ]
      .filter(Boolean)
      .join(zh ? '、' : ' and ');
  return {
    key: 'platform.accounts',
    label,
    detail:
      missing > 0
        ? both(`${waiting(true)}尚未开通账号`, `${waiting(false)} ${missing === 1 ? 'has' : 'have'} no account yet`)
        : both(
            `${number(student.total)} 名学生、${number(teacher.total)} 名教师均已开通账号`,
            `All ${countOf(student.total, 'student', 'students', number)} and ${countOf(teacher.total, 'teacher', 'teachers', number)} have an account`,
          ),
    done: missing === 0,
    link,
  };
}

/**
 * The card, for whoever sets the institution up: those who may provision its accounts (its admins and
 * 教务); an administrator without an institution of their own (the first one of a new install) is
 * asked first to create it or choose one. Null when every step is done.
 */
export async function setupCard(app: AppContext, actor: Actor): Promise<WorkbenchCard | null> {
  const tree = await app.scopes.get();
  const home = actor.institutionId && tree.has({ type: 'institution', id: actor.institutionId }) ? actor.institutionId : null;
  const concerned = home ? can(actor, 'accounts.provision', { type: 'institution', id: home }, tree) : holdsAnywhere(actor, 'users.manage');
  if (!concerned) return null;
  const steps: SetupStep[] = [];
  for (const manifest of app.modules) if (manifest.setupSteps) steps.push(...(await manifest.setupSteps(app, actor, home)));
  // Accounts come last: they are opened from the rosters that the modules' steps import.
  steps.push(await accountsStep(app, actor, home));
  const next = steps.find((step) => !step.done);
  if (!next) return null;
  const done = steps.filter((step) => step.done).length;
  return {
    key: 'platform.setup',
    title: both('首次配置向导', 'Setup steps'),
    summary: both(
      `已完成 ${done}/${steps.length} 步，下一步：${next.label['zh-CN']}`,
      `${done} of ${steps.length} steps done. Next: ${next.label.en}`,
    ),
    count: steps.length - done,
    tone: 'todo',
    deadline: null,
    link: next.link,
    items: [],
    steps: steps.map((step) => ({
      key: step.key,
      label: step.label,
      detail: step.detail,
      link: step.link,
      state: step.done ? 'done' : step === next ? 'next' : 'waiting',
    })),
  };
}
