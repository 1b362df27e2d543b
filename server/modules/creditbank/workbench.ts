/** What the credit bank puts on workbenches: a student's claims, and the review queue of reviewers. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { countAll } from '../../db/sql.ts';
import { holdsAnywhere, reachableWithin, type Actor } from '../../platform/access.ts';
import type { WorkbenchCard } from '../../platform/workbench.ts';
import { studentIdsOfMajorsQuery } from '../org/read.ts';
import { certificateImportReviews, learningOutcomes } from './schema.ts';

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

async function studentCard(app: AppContext, actor: Actor): Promise<WorkbenchCard> {
  const rows = await app.db
    .select({ status: learningOutcomes.status, count: countAll() })
    .from(learningOutcomes)
    .where(and(eq(learningOutcomes.studentId, actor.studentId!), sql`${learningOutcomes.kind} <> 'course_credit'`))
    .groupBy(learningOutcomes.status);
  const of = (status: string) => rows.find((row) => row.status === status)?.count ?? 0;
  const inReview = of('submitted') + of('verified');
  return {
    key: 'creditbank.my_claims',
    title: both('我的学分认定申请', 'My credit claims'),
    summary:
      inReview > 0
        ? both(
            `${inReview} 项审核中，${of('granted')} 项已认定，${of('rejected')} 项未通过`,
            `${inReview} in review, ${of('granted')} granted, ${of('rejected')} rejected`,
          )
        : both(
            `${of('granted')} 项已认定，${of('rejected')} 项未通过；可凭证书或获奖提交新申请`,
            `${of('granted')} granted, ${of('rejected')} rejected; claim a certificate or an award any time`,
          ),
    count: inReview,
    tone: inReview > 0 ? 'info' : 'done',
    deadline: null,
    link: '/creditbank/me',
    items: [
      { label: both('审核中', 'In review'), detail: both(String(inReview), String(inReview)), tone: 'info' },
      { label: both('已认定', 'Granted'), detail: both(String(of('granted')), String(of('granted'))), tone: 'done' },
      {
        label: both('未通过', 'Rejected'),
        detail: both(String(of('rejected')), String(of('rejected'))),
        tone: of('rejected') > 0 ? 'warning' : 'done',
      },
    ],
  };
}

async function reviewerCard(app: AppContext, actor: Actor): Promise<WorkbenchCard | null> {
  if (!actor.institutionId) return null;
  const tree = await app.scopes.get();
  let majors: 'all' | number[];
  try {
    majors = reachableWithin(actor, 'creditbank.review', actor.institutionId, 'major', tree);
  } catch {
    return null;
  }
  const conditions = [eq(learningOutcomes.institutionId, actor.institutionId), inArray(learningOutcomes.status, ['submitted', 'verified'])];
  if (majors !== 'all') conditions.push(inArray(learningOutcomes.studentId, studentIdsOfMajorsQuery(app.db, majors)));
  const rows = await app.db
    .select({ status: learningOutcomes.status, count: countAll() })
    .from(learningOutcomes)
    .where(and(...conditions))
    .groupBy(learningOutcomes.status);
  const submitted = rows.find((row) => row.status === 'submitted')?.count ?? 0;
  const verified = rows.find((row) => row.status === 'verified')?.count ?? 0;
  const [reviews] = await app.db
    .select({ count: countAll() })
    .from(certificateImportReviews)
    .where(and(eq(certificateImportReviews.institutionId, actor.institutionId), eq(certificateImportReviews.status, 'open')));
  const open = submitted + verified + (reviews?.count ?? 0);
  return {
    key: 'creditbank.review_queue',
    title: both('学分认定审核', 'Credit claims to review'),
    summary:
      open > 0
        ? both(
            `${submitted} 项待核验，${verified} 项待认定，${reviews?.count ?? 0} 条证书成绩待人工核对`,
            `${submitted} to verify, ${verified} to grant, ${reviews?.count ?? 0} imported results to match`,
          )
        : both('没有待处理的申请', 'Nothing waits for review'),
    count: open,
    tone: open > 0 ? 'todo' : 'done',
    deadline: null,
    link: '/creditbank/claims',
    items: [
      {
        label: both('待核验', 'To verify'),
        detail: both(String(submitted), String(submitted)),
        link: '/creditbank/claims',
        tone: submitted > 0 ? 'todo' : 'done',
      },
      {
        label: both('待认定', 'To grant'),
        detail: both(String(verified), String(verified)),
        link: '/creditbank/claims',
        tone: verified > 0 ? 'todo' : 'done',
      },
      {
        label: both('证书成绩待核对', 'Imported results to match'),
        detail: both(String(reviews?.count ?? 0), String(reviews?.count ?? 0)),
        link: '/creditbank/claims',
        tone: (reviews?.count ?? 0) > 0 ? 'todo' : 'done',
      },
    ],
  };
}

export async function creditbankWorkbench(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const cards: WorkbenchCard[] = [];
  if (actor.studentId) cards.push(await studentCard(app, actor));
  if (holdsAnywhere(actor, 'creditbank.review')) {
    const card = await reviewerCard(app, actor);
    if (card) cards.push(card);
  }
  return cards;
}
