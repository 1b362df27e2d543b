/**
 * 通知渠道 for admins: the institution's SMTP server and its group robots (企业微信, 钉钉, 飞书) bound to a
 * scope, with secrets sealed at rest and never sent back; a test message per channel; the delivery log
 * with failed deliveries and retry.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { allocateIds, countAll } from '../../db/sql.ts';
import { authorize, requireActor, type Actor, type ScopeRef } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { notificationChannels, notificationDeliveries, notifications, users } from '../schema.ts';
import { renderEmail } from './email.ts';
import type { ChannelKind, DeliveryChannel, DeliveryStatus } from './kinds.ts';
import { maskWebhook, type RobotKind } from './robots.ts';
import { channelSealedAt } from './service.ts';

export interface SmtpInput {
  kind: 'smtp';
  name: string;
  enabled?: boolean;
  host: string;
  port: number;
  secure: boolean;
  username?: string | null;
  /** Omitted: keep the stored one; null: none. */
  password?: string | null;
  from: string;
}

export interface RobotInput {
  kind: RobotKind;
  name: string;
  enabled?: boolean;
  /** Omitted on an update: keep the stored one. */
  webhook?: string;
  /** 钉钉 加签 / 飞书 签名校验 secret. Omitted: keep; null: none. */
  secret?: string | null;
  scope: ScopeRef;
  kinds?: string[];
}

export type ChannelInput = SmtpInput | RobotInput;

type ChannelRow = typeof notificationChannels.$inferSelect;

async function authorizeChannels(
  app: AppContext,
  actor: Actor | null,
  institutionId?: number,
): Promise<{ actor: Actor; institutionId: number }> {
  const who = requireActor(actor);
  const target = institutionId ?? who.institutionId ?? 0;
  authorize(who, 'notifications.manage', { type: 'institution', id: target }, await app.scopes.get());
  return { actor: who, institutionId: target };
}

function present(row: ChannelRow) {
  const config = row.config as Record<string, unknown>;
  return {
    id: row.id,
    institutionId: row.institutionId,
    kind: row.kind as ChannelKind,
    name: row.name,
    enabled: row.enabled,
    scope: row.scopeType ? { type: row.scopeType as ScopeRef['type'], id: row.scopeId! } : null,
    kinds: row.kinds,
    smtp:
      row.kind === 'smtp'
        ? {
            host: String(config.host),
            port: Number(config.port),
            secure: Boolean(config.secure),
            username: (config.username as string | null) ?? null,
            from: String(config.from),
          }
        : null,
    webhookMasked: row.kind === 'smtp' ? null : String(config.webhookMasked ?? ''),
    hasSecret: row.secretSealed !== null,
    updatedAt: row.updatedAt,
  };
}

export async function listChannels(app: AppContext, request: RequestContext) {
  const { institutionId } = await authorizeChannels(app, request.actor);
  const rows = await app.db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.institutionId, institutionId))
    .orderBy(notificationChannels.id);
  return rows.map(present);
}

async function loadChannel(app: AppContext, id: number): Promise<ChannelRow> {
  const [row] = await app.db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
  if (!row || row.institutionId === null) throw notFound('notification_channel', id);
  return row;
}

/** What a channel row holds for an input: sealed secrets, masked address, kinds known to the platform. */
async function fields(
  app: AppContext,
  actor: Actor,
  institutionId: number,
  input: ChannelInput,
  existing: ChannelRow | null,
  rowId: number,
) {
  if (input.kind === 'smtp') {
    const secretSealed =
      input.password === undefined
        ? (existing?.secretSealed ?? null)
        : input.password === null
          ? null
          : app.pii.encrypt(input.password, channelSealedAt(rowId, 'secret_sealed'));
    return {
      kind: 'smtp',
      name: input.name,
      enabled: input.enabled ?? existing?.enabled ?? true,
      scopeType: null,
      scopeId: null,
      kinds: [],
      config: { host: input.host, port: input.port, secure: input.secure, username: input.username ?? null, from: input.from },
      secretSealed,
      webhookSealed: null,
    };
  }
  const tree = await app.scopes.get();
  if (!tree.has(input.scope) || tree.institutionOf(input.scope) !== institutionId)
    throw unprocessable('BAD_SCOPE', 'notifications.bad_scope');
  authorize(actor, 'notifications.manage', input.scope, tree);
  const known = new Set(app.notifications.listKinds().map((kind) => kind.key));
  const unknown = (input.kinds ?? []).filter((kind) => !known.has(kind));
  if (unknown.length > 0) throw unprocessable('UNKNOWN_KIND', 'notifications.unknown_kind', { kinds: unknown.join('、') });
  if (!input.webhook && !existing?.webhookSealed) throw unprocessable('WEBHOOK_REQUIRED', 'notifications.webhook_required');
  const webhookSealed = input.webhook ? app.pii.encrypt(input.webhook, channelSealedAt(rowId, 'webhook_sealed')) : existing!.webhookSealed;
  const webhookMasked = input.webhook
    ? maskWebhook(input.webhook)
    : String((existing!.config as Record<string, unknown>).webhookMasked ?? '');
  const secretSealed =
    input.secret === undefined
      ? (existing?.secretSealed ?? null)
      : input.secret === null
        ? null
        : app.pii.encrypt(input.secret, channelSealedAt(rowId, 'secret_sealed'));
  return {
    kind: input.kind,
    name: input.name,
    enabled: input.enabled ?? existing?.enabled ?? true,
    scopeType: input.scope.type,
    scopeId: input.scope.id,
    kinds: input.kinds ?? [],
    config: { webhookMasked },
    secretSealed,
    webhookSealed,
  };
}

/** What the audit log keeps of a channel: never a secret. */
const auditView = (row: Pick<ChannelRow, 'kind' | 'name' | 'enabled' | 'config' | 'scopeType' | 'scopeId' | 'kinds' | 'secretSealed'>) => ({
  kind: row.kind,
  name: row.name,
  enabled: row.enabled,
  config: row.config,
  scope: row.scopeType ? `${row.scopeType}:${row.scopeId}` : null,
  kinds: row.kinds,
  secret: row.secretSealed ? '（已设置 / set）' : null,
});

export async function createChannel(app: AppContext, request: RequestContext, input: ChannelInput) {
  const { actor, institutionId } = await authorizeChannels(app, request.actor);
  if (input.kind === 'smtp') {
    const [existing] = await app.db
      .select({ id: notificationChannels.id })
      .from(notificationChannels)
      .where(and(eq(notificationChannels.kind, 'smtp'), eq(notificationChannels.institutionId, institutionId)));
    if (existing) throw conflict('SMTP_EXISTS', 'notifications.smtp_exists');
  }
  // The secrets are sealed for the new row, so its id is drawn first.
  const [rowId] = await allocateIds(app.db, 'notification_channels', 1);
  const values = await fields(app, actor, institutionId, input, null, rowId!);
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(notificationChannels)
      .overridingSystemValue()
      .values({ ...values, id: rowId!, institutionId, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, request, {
      action: 'notifications.channel.create',
      entity: 'notification_channel',
      entityId: row!.id,
      institutionId,
      summary: `新增通知渠道“${row!.name}”`,
      after: auditView(row!),
    });
    return present(row!);
  });
}

export async function updateChannel(app: AppContext, request: RequestContext, id: number, input: ChannelInput) {
  const existing = await loadChannel(app, id);
  const { actor, institutionId } = await authorizeChannels(app, request.actor, existing.institutionId!);
  if (existing.kind !== input.kind) throw unprocessable('KIND_CHANGED', 'notifications.kind_changed');
  const values = await fields(app, actor, institutionId, input, existing, id);
  return app.db.transaction(async (tx) => {
    const [row] = await tx
      .update(notificationChannels)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(notificationChannels.id, id))
      .returning();
    await recordAudit(tx, request, {
      action: 'notifications.channel.update',
      entity: 'notification_channel',
      entityId: id,
      institutionId,
      summary: `修改通知渠道“${row!.name}”`,
      before: auditView(existing),
      after: auditView(row!),
    });
    return present(row!);
  });
}

/** Sends a test message through the channel now: e-mail to the admin's own address, a post to the robot. */
export async function testChannel(app: AppContext, request: RequestContext, id: number) {
  const channel = await loadChannel(app, id);
  const { actor } = await authorizeChannels(app, request.actor, channel.institutionId!);
  const title = '四通平台通知渠道测试 / Sitong channel test';
  const body = `这是一条来自“${channel.name}”的测试消息。/ A test message from "${channel.name}".`;
  try {
    if (channel.kind === 'smtp') {
      const [me] = await app.db.select({ email: users.email, name: users.displayName }).from(users).where(eq(users.id, actor.userId));
      if (!me?.email) throw unprocessable('NO_EMAIL', 'notifications.no_own_email');
      const settings = app.notifications.smtpSettings(channel);
      const content = renderEmail('zh-CN', me.name, title, body, null);
      await app.notifications
        .transport(channel, settings)
        .sendMail({ from: settings.from, to: me.email, subject: content.subject, text: content.text, html: content.html });
    } else {
      await app.notifications.postToRobot(channel.kind as RobotKind, channel, { title, body, url: null });
    }
    return { ok: true, error: null };
  } catch (error) {
    if (error instanceof Error && 'status' in error) throw error;
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
  }
}

export async function listDeliveries(
  app: AppContext,
  request: RequestContext,
  query: { status?: string; channel?: string; page: number; pageSize: number },
) {
  const { institutionId } = await authorizeChannels(app, request.actor);
  const conditions: SQL[] = [eq(notificationChannels.institutionId, institutionId)];
  if (query.status) conditions.push(eq(notificationDeliveries.status, query.status));
  if (query.channel) conditions.push(eq(notificationDeliveries.channel, query.channel));
  const where = and(...conditions);
  const base = app.db
    .select({
      id: notificationDeliveries.id,
      channel: notificationDeliveries.channel,
      status: notificationDeliveries.status,
      attempts: notificationDeliveries.attempts,
      lastError: notificationDeliveries.lastError,
      nextAttemptAt: notificationDeliveries.nextAttemptAt,
      sentAt: notificationDeliveries.sentAt,
      deferredReason: notificationDeliveries.deferredReason,
      createdAt: notificationDeliveries.createdAt,
      updatedAt: notificationDeliveries.updatedAt,
      channelName: notificationChannels.name,
      kind: notifications.kind,
      title: notifications.titleZh,
      recipient: users.displayName,
      username: users.username,
    })
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .leftJoin(users, eq(users.id, notificationDeliveries.userId));
  const [items, [counted]] = await Promise.all([
    base
      .where(where)
      .orderBy(desc(notificationDeliveries.updatedAt), desc(notificationDeliveries.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .then((rows) => rows.map((row) => ({ ...row, channel: row.channel as DeliveryChannel, status: row.status as DeliveryStatus }))),
    app.db
      .select({ total: countAll() })
      .from(notificationDeliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
      .where(where),
  ]);
  return { items, total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/** A failed delivery goes out again now, with a fresh set of attempts. */
export async function retryDelivery(app: AppContext, request: RequestContext, id: number) {
  const [row] = await app.db
    .select({
      id: notificationDeliveries.id,
      status: notificationDeliveries.status,
      institutionId: notificationChannels.institutionId,
      kind: notifications.kind,
    })
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(eq(notificationDeliveries.id, id));
  if (!row) throw notFound('notification_delivery', id);
  await authorizeChannels(app, request.actor, row.institutionId ?? undefined);
  if (row.status !== 'failed') throw conflict('NOT_FAILED', 'notifications.not_failed');
  // A send-only mail's secret was dropped when it failed for good: there is nothing left to send.
  if (app.notifications.kind(row.kind)?.sealedParams) throw conflict('SEALED_GONE', 'notifications.sealed_gone');
  await app.db.transaction(async (tx) => {
    await tx
      .update(notificationDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lastError: null, updatedAt: new Date() })
      .where(eq(notificationDeliveries.id, id));
    await recordAudit(tx, request, {
      action: 'notifications.delivery.retry',
      entity: 'notification_delivery',
      entityId: id,
      institutionId: row.institutionId,
      summary: '重新投递失败的通知',
    });
  });
  app.notifications.kick();
  return { id, status: 'pending' as const };
}
