/** 消息中心 and 通知设置: a person's inbox (read, unread, mark read) and their channel choices. */
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { notFound, unprocessable } from '../errors.ts';
import type { Locale } from '../messages.ts';
import { notificationChannels, notificationInbox, notificationPreferences, notifications, users } from '../schema.ts';
import { formatClock, parseClock } from './quiet-hours.ts';
import { unreadCounts } from './stream.ts';

export async function listInbox(
  app: AppContext,
  request: RequestContext,
  locale: Locale,
  query: { unread?: boolean; beforeId?: number; limit: number },
) {
  const actor = requireActor(request.actor);
  const conditions = [eq(notificationInbox.userId, actor.userId)];
  if (query.unread) conditions.push(isNull(notificationInbox.readAt));
  if (query.beforeId) conditions.push(lt(notificationInbox.id, query.beforeId));
  const rows = await app.db
    .select({
      id: notificationInbox.id,
      notificationId: notifications.id,
      kind: notifications.kind,
      readAt: notificationInbox.readAt,
      createdAt: notificationInbox.createdAt,
      titleZh: notifications.titleZh,
      titleEn: notifications.titleEn,
      bodyZh: notifications.bodyZh,
      bodyEn: notifications.bodyEn,
      link: notifications.link,
    })
    .from(notificationInbox)
    .innerJoin(notifications, eq(notifications.id, notificationInbox.notificationId))
    .where(and(...conditions))
    .orderBy(desc(notificationInbox.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const unread = (await unreadCounts(app, [actor.userId])).get(actor.userId) ?? 0;
  return {
    items: page.map((row) => ({
      id: row.id,
      notificationId: row.notificationId,
      kind: row.kind,
      title: locale === 'en' ? row.titleEn : row.titleZh,
      body: locale === 'en' ? row.bodyEn : row.bodyZh,
      link: row.link,
      createdAt: row.createdAt,
      readAt: row.readAt,
    })),
    unread,
    nextBeforeId: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

export async function unreadCount(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  return { unread: (await unreadCounts(app, [actor.userId])).get(actor.userId) ?? 0 };
}

/** Marks one inbox row read (only the owner's; another person's row is "not found"). */
export async function markRead(app: AppContext, request: RequestContext, inboxId: number) {
  const actor = requireActor(request.actor);
  const [row] = await app.db
    .select({ id: notificationInbox.id, readAt: notificationInbox.readAt })
    .from(notificationInbox)
    .where(and(eq(notificationInbox.id, inboxId), eq(notificationInbox.userId, actor.userId)));
  if (!row) throw notFound('notification', inboxId);
  if (!row.readAt) await app.db.update(notificationInbox).set({ readAt: new Date() }).where(eq(notificationInbox.id, inboxId));
  app.notifications.hub.changed([actor.userId]);
  return unreadCount(app, request);
}

export async function markAllRead(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  const marked = await app.db
    .update(notificationInbox)
    .set({ readAt: new Date() })
    .where(and(eq(notificationInbox.userId, actor.userId), isNull(notificationInbox.readAt)))
    .returning({ id: notificationInbox.id });
  app.notifications.hub.changed([actor.userId]);
  return { unread: 0, marked: marked.length };
}

export async function getPreferences(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  const [user] = await app.db
    .select({ email: users.email, institutionId: users.institutionId })
    .from(users)
    .where(eq(users.id, actor.userId));
  const [stored] = await app.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.userId));
  const chosen = (stored?.emailKinds ?? {}) as Record<string, boolean>;
  const smtp = await app.db
    .select({ id: notificationChannels.id })
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.kind, 'smtp'),
        eq(notificationChannels.enabled, true),
        user?.institutionId
          ? sql`(${notificationChannels.institutionId} = ${user.institutionId} OR ${notificationChannels.institutionId} IS NULL)`
          : isNull(notificationChannels.institutionId),
      ),
    );
  return {
    email: user?.email ?? null,
    emailAvailable: smtp.length > 0,
    kinds: app.notifications.listKinds().map((kind) => ({
      key: kind.key,
      title: kind.title,
      description: kind.description,
      emailByDefault: kind.emailByDefault,
      email: chosen[kind.key] ?? kind.emailByDefault,
    })),
    quietHours:
      stored?.quietStart === null || stored?.quietStart === undefined || stored.quietEnd === null
        ? null
        : { start: formatClock(stored.quietStart), end: formatClock(stored.quietEnd) },
  };
}

export interface PreferencesInput {
  email: string | null;
  kinds: Record<string, boolean>;
  quietHours: { start: string; end: string } | null;
}

export async function savePreferences(app: AppContext, request: RequestContext, input: PreferencesInput) {
  const actor = requireActor(request.actor);
  const known = new Set(app.notifications.listKinds().map((kind) => kind.key));
  const unknown = Object.keys(input.kinds).filter((key) => !known.has(key));
  if (unknown.length > 0) throw unprocessable('UNKNOWN_KIND', 'notifications.unknown_kind', { kinds: unknown.join('、') });
  let quietStart: number | null = null;
  let quietEnd: number | null = null;
  if (input.quietHours) {
    quietStart = parseClock(input.quietHours.start);
    quietEnd = parseClock(input.quietHours.end);
    if (quietStart === null || quietEnd === null) throw unprocessable('BAD_QUIET_HOURS', 'notifications.bad_quiet_hours');
    if (quietStart === quietEnd) throw unprocessable('BAD_QUIET_HOURS', 'notifications.quiet_hours_empty');
  }
  const before = await getPreferences(app, request);
  await app.db.transaction(async (tx) => {
    await tx.update(users).set({ email: input.email }).where(eq(users.id, actor.userId));
    const row = { userId: actor.userId, emailKinds: input.kinds, quietStart, quietEnd, updatedAt: new Date() };
    await tx.insert(notificationPreferences).values(row).onConflictDoUpdate({ target: notificationPreferences.userId, set: row });
    await recordAudit(tx, request, {
      action: 'notifications.preferences',
      entity: 'user',
      entityId: actor.userId,
      institutionId: actor.institutionId,
      summary: '修改通知设置',
      before: {
        email: before.email,
        quietHours: before.quietHours,
        kinds: Object.fromEntries(before.kinds.map((kind) => [kind.key, kind.email])),
      },
      after: { email: input.email, quietHours: input.quietHours, kinds: input.kinds },
    });
  });
  return getPreferences(app, request);
}
