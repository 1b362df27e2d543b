/**
 * The workbench (工作台): after login each person lands on cards that the modules contribute through
 * their manifest, each saying what needs them and linking to the page where it is done.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/sql.ts';
import { holdsAnywhere, type Actor } from './access.ts';
import { countOf, type LocalizedText } from './messages.ts';
import { setupCard } from './setup-steps.ts';

export const cardTones = ['todo', 'info', 'warning', 'danger', 'done'] as const;
export type CardTone = (typeof cardTones)[number];

export interface WorkbenchItem {
  label: LocalizedText;
  detail?: LocalizedText;
  link?: string;
  tone?: CardTone;
}

export const stepStates = ['done', 'next', 'waiting'] as const;

/** One step of a card that is a checklist (the setup steps): done, the next one, or waiting its turn. */
export interface WorkbenchStep {
  key: string;
  label: LocalizedText;
  detail: LocalizedText;
  link: string;
  state: (typeof stepStates)[number];
}

export interface WorkbenchCard {
  /** `<module>.<card>`, stable (the web app keys and tests find cards by it). */
  key: string;
  title: LocalizedText;
  /** One sentence: what is waiting. */
  summary: LocalizedText;
  /** How many things wait (null when the card is informational). */
  count: number | null;
  tone: CardTone;
  /** When it must be done by (ISO time), if it has a deadline. */
  deadline: string | null;
  /** The web page where the work is done. */
  link: string;
  items: WorkbenchItem[];
  /** A checklist card's steps, in order. */
  steps?: WorkbenchStep[];
}

export type WorkbenchProvider = (app: AppContext, actor: Actor) => Promise<WorkbenchCard[]>;

const both = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

const unavailable = (key: string, zh: string, en: string): WorkbenchCard => ({
  key,
  title: both('暂时无法显示', 'Not available right now'),
  summary: both(`${zh}暂时无法加载，请稍后刷新`, `${en[0]!.toUpperCase()}${en.slice(1)} could not be loaded; reload later`),
  count: null,
  tone: 'warning',
  deadline: null,
  link: '/',
  items: [],
});

/** The platform's own cards: the setup steps until they are done; unread messages for everyone; failed jobs and deliveries for admins. */
async function platformCards(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const cards: WorkbenchCard[] = [];
  try {
    const setup = await setupCard(app, actor);
    if (setup) cards.push(setup);
  } catch {
    cards.push(unavailable('platform.setup_unavailable', '首次配置向导', 'the setup steps'));
  }
  const unread = rowsOf<{ title_zh: string; title_en: string; link: string | null }>(
    await app.db.execute(sql`
    SELECT n.title_zh, n.title_en, n.link FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id
    WHERE i.user_id = ${actor.userId} AND i.read_at IS NULL ORDER BY i.id DESC LIMIT 3`),
  );
  const [{ count: unreadCount }] = rowsOf<{ count: number }>(
    await app.db.execute(sql`
    SELECT count(*)::int AS count FROM notification_inbox WHERE user_id = ${actor.userId} AND read_at IS NULL`),
  ) as [{ count: number }];
  if (unreadCount > 0) {
    cards.push({
      key: 'platform.inbox',
      title: both('未读消息', 'Unread messages'),
      summary: both(`${unreadCount} 条未读消息`, countOf(unreadCount, 'unread message', 'unread messages')),
      count: unreadCount,
      tone: 'info',
      deadline: null,
      link: '/inbox',
      items: unread.map((row) => ({ label: both(row.title_zh, row.title_en), link: row.link ?? '/inbox', tone: 'info' })),
    });
  }
  if (holdsAnywhere(actor, 'jobs.manage')) {
    const failed = rowsOf<{ job: string; error: string | null }>(
      await app.db.execute(sql`
      SELECT DISTINCT ON (job) job, error FROM job_runs WHERE status = 'failed' AND started_at > now() - interval '1 day' ORDER BY job, started_at DESC`),
    );
    cards.push({
      key: 'platform.failed_jobs',
      title: both('定时任务', 'Scheduled jobs'),
      summary:
        failed.length > 0
          ? both(`${failed.length} 个任务近 24 小时运行失败`, `${countOf(failed.length, 'job', 'jobs')} failed in the last 24 hours`)
          : both('近 24 小时所有任务运行正常', 'Every job ran fine in the last 24 hours'),
      count: failed.length,
      tone: failed.length > 0 ? 'danger' : 'done',
      deadline: null,
      link: '/admin/jobs',
      items: failed.map((row) => ({
        label: both(row.job, row.job),
        detail: row.error ? both(row.error, row.error) : undefined,
        link: '/admin/jobs',
        tone: 'danger',
      })),
    });
  }
  if (holdsAnywhere(actor, 'notifications.manage') && actor.institutionId) {
    const [{ failed, channels }] = rowsOf<{ failed: number; channels: number }>(
      await app.db.execute(sql`
      SELECT (SELECT count(*)::int FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id WHERE d.status = 'failed' AND c.institution_id = ${actor.institutionId}) AS failed,
             (SELECT count(*)::int FROM notification_channels WHERE institution_id = ${actor.institutionId} AND enabled) AS channels`),
    ) as [{ failed: number; channels: number }];
    cards.push({
      key: 'platform.failed_deliveries',
      title: both('通知投递', 'Notification delivery'),
      summary:
        failed > 0
          ? both(`${failed} 条通知投递失败，可查看原因并重新投递`, `${failed} deliveries failed; see why and retry`)
          : channels === 0
            ? both('尚未配置邮件服务器或群机器人，通知只进入消息中心', 'No mail server or robot yet: notifications reach the inbox only')
            : both('没有投递失败的通知', 'No failed delivery'),
      count: failed,
      tone: failed > 0 ? 'danger' : channels === 0 ? 'info' : 'done',
      deadline: null,
      link: '/admin/channels',
      items: [],
    });
  }
  return cards;
}

/** Every card for this person: the platform's, then each module's in module order. A module that fails shows a card saying so. */
export async function workbenchFor(app: AppContext, actor: Actor): Promise<WorkbenchCard[]> {
  const cards = await platformCards(app, actor);
  for (const manifest of app.modules) {
    if (!manifest.workbench) continue;
    try {
      cards.push(...(await manifest.workbench(app, actor)));
    } catch {
      cards.push(unavailable(`${manifest.name}.unavailable`, `“${manifest.name}”模块的待办`, `the ${manifest.name} module’s to-dos`));
    }
  }
  return cards;
}
