/**
 * What the courses module puts on people's workbench: a student's open selection windows and their
 * deadlines; programmes waiting for 教务's approval; a lead's drafts and returned programmes; a
 * teacher's sections whose grades are not published yet.
 */
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { can, holdsAnywhere, type Actor } from '../../platform/access.ts';
import type { WorkbenchCard } from '../../platform/workbench.ts';
import { countOf } from '../../platform/messages.ts';
import { studentProfile, termById } from '../org/read.ts';
import { enrolments, programmes, sections, sectionTeachers, selectionWindows } from './schema.ts';
import { windowPhase } from './selection-windows.ts';
import { creditRuleCards } from './credit-rules-workbench.ts';

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

async function studentCards(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const student = await studentProfile(app.db, actor.studentId!);
  if (!student) return [];
  const now = new Date();
  const windows = (
    await app.db
      .select()
      .from(selectionWindows)
      .where(eq(selectionWindows.institutionId, student.institutionId))
      .orderBy(asc(selectionWindows.closesAt))
  )
    .filter((window) => window.cohortYears.includes(student.cohortYear))
    .map((window) => ({ window, phase: windowPhase(window, now) }))
    .filter(({ phase }) => phase === 'open' || phase === 'upcoming' || phase === 'adjusting');
  if (windows.length === 0) return [];
  const held = await app.db
    .select({ termId: enrolments.termId, status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.studentId, student.id), inArray(enrolments.status, ['enrolled', 'waitlisted'])));
  const open = windows.filter(({ phase }) => phase !== 'upcoming');
  const first = (open[0] ?? windows[0])!;
  const enrolledInTerm = held.filter((row) => row.termId === first.window.termId && row.status === 'enrolled').length;
  return [
    {
      key: 'courses.selection',
      title: both('选课', 'Course selection'),
      summary:
        open.length > 0
          ? both(
              `“${first.window.name}”进行中，本学期已选 ${enrolledInTerm} 门`,
              `"${first.window.name}" is open; ${countOf(enrolledInTerm, 'course', 'courses')} held this term`,
            )
          : both(`“${first.window.name}”即将开始`, `"${first.window.name}" opens soon`),
      count: open.length,
      tone: open.length > 0 ? 'todo' : 'info',
      deadline: (open.length > 0 ? first.window.closesAt : first.window.opensAt).toISOString(),
      link: '/selection',
      items: windows.map(({ window, phase }) => ({
        label: both(window.name, window.name),
        detail:
          phase === 'upcoming'
            ? both(
                `${window.opensAt.toISOString().slice(0, 16).replace('T', ' ')} 开始`,
                `opens ${window.opensAt.toISOString().slice(0, 16).replace('T', ' ')}`,
              )
            : both(
                `截止 ${window.closesAt.toISOString().slice(0, 16).replace('T', ' ')}`,
                `closes ${window.closesAt.toISOString().slice(0, 16).replace('T', ' ')}`,
              ),
        link: '/selection',
        tone: phase === 'upcoming' ? 'info' : 'todo',
      })),
    },
  ];
}

async function programmeCards(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const cards: WorkbenchCard[] = [];
  const tree = await app.scopes.get();
  const inScope = <T extends { majorId: number }>(rows: T[], action: 'programme.approve' | 'programme.edit') =>
    rows.filter((row) => can(actor, action, { type: 'major', id: row.majorId }, tree));
  if (holdsAnywhere(actor, 'programme.approve')) {
    const waiting = inScope(
      await app.db.select().from(programmes).where(eq(programmes.status, 'submitted')).orderBy(asc(programmes.submittedAt)),
      'programme.approve',
    ).filter((row) => row.submittedBy !== actor.userId);
    cards.push({
      key: 'courses.programmes_to_approve',
      title: both('待审核的培养方案', 'Programmes to approve'),
      summary:
        waiting.length > 0
          ? both(
              `${waiting.length} 份培养方案等待您审核`,
              `${countOf(waiting.length, 'programme waits', 'programmes wait')} for your approval`,
            )
          : both('没有待审核的培养方案', 'No programme waits for approval'),
      count: waiting.length,
      tone: waiting.length > 0 ? 'todo' : 'done',
      deadline: null,
      link: '/programmes?status=submitted',
      items: waiting.slice(0, 5).map((row) => ({ label: both(row.name, row.name), link: `/programmes/${row.id}`, tone: 'todo' })),
    });
  } else if (holdsAnywhere(actor, 'programme.edit')) {
    const drafts = inScope(
      await app.db.select().from(programmes).where(eq(programmes.status, 'draft')).orderBy(asc(programmes.cohortYear)),
      'programme.edit',
    );
    const returned = drafts.filter((row) => row.reviewComment !== null && row.reviewedAt !== null);
    cards.push({
      key: 'courses.my_programmes',
      title: both('培养方案草稿', 'Programme drafts'),
      summary:
        returned.length > 0
          ? both(
              `${returned.length} 份被退回待修改，另有 ${drafts.length - returned.length} 份草稿`,
              `${returned.length} returned for changes, ${countOf(drafts.length - returned.length, 'other draft', 'other drafts')}`,
            )
          : drafts.length > 0
            ? both(`${drafts.length} 份草稿尚未提交`, `${countOf(drafts.length, 'draft', 'drafts')} not submitted yet`)
            : both('没有未提交的草稿', 'No draft waiting'),
      count: drafts.length,
      tone: returned.length > 0 ? 'warning' : drafts.length > 0 ? 'todo' : 'done',
      deadline: null,
      link: '/programmes?status=draft',
      items: [...returned, ...drafts.filter((row) => !returned.includes(row))].slice(0, 5).map((row) => ({
        label: both(row.name, row.name),
        link: `/programmes/${row.id}`,
        detail: returned.includes(row) ? both(`退回意见：${row.reviewComment}`, `Returned: ${row.reviewComment}`) : undefined,
        tone: returned.includes(row) ? 'warning' : 'todo',
      })),
    });
  }
  return cards;
}

async function teacherCards(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const rows = await app.db
    .select({ id: sections.id, code: sections.code, termId: sections.termId })
    .from(sections)
    .innerJoin(sectionTeachers, eq(sectionTeachers.sectionId, sections.id))
    .where(and(eq(sectionTeachers.teacherId, actor.teacherId!), isNull(sections.gradesPublishedAt), ne(sections.status, 'cancelled')));
  const now = new Date().toISOString().slice(0, 10);
  const due = [];
  for (const row of rows) {
    const term = await termById(app.db, row.termId);
    // Grades are due for sections of terms that have begun.
    if (term && term.startsOn <= now) due.push({ ...row, term });
  }
  return [
    {
      key: 'courses.grades_due',
      title: both('成绩录入', 'Grades to enter'),
      summary:
        due.length > 0
          ? both(`${due.length} 个教学班的成绩尚未发布`, `Grades of ${countOf(due.length, 'section', 'sections')} are not published yet`)
          : both('所有教学班的成绩都已发布', 'Every section’s grades are published'),
      count: due.length,
      tone: due.length > 0 ? 'todo' : 'done',
      deadline: null,
      link: '/grades',
      items: due
        .slice(0, 5)
        .map((row) => ({ label: both(row.code, row.code), detail: both(row.term.code, row.term.code), link: '/grades', tone: 'todo' })),
    },
  ];
}

export async function courseWorkbench(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const cards: WorkbenchCard[] = [];
  if (actor.studentId) cards.push(...(await studentCards(app, actor)));
  cards.push(...(await programmeCards(app, actor)));
  cards.push(...(await creditRuleCards(app, actor)));
  if (actor.teacherId && holdsAnywhere(actor, 'grade.enter')) cards.push(...(await teacherCards(app, actor)));
  return cards;
}
