/**
 * One place that sends. `notify(recipients, kind, payload, dedupeKey)` writes the notification once,
 * an inbox row for every recipient (resolved at send time: users, students' accounts, or a role on a
 * scope, e.g. "the group lead of 钢铁智能冶金专业群"), and a delivery row for each further channel: e-mail
 * by the person's preference (deferred past their quiet hours) and the group robots bound to the scope.
 * The deliverer sends those rows (claimed with SKIP LOCKED, so several processes never send one twice),
 * retries failures with backoff and keeps the outcome of each.
 */
import { sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { allocateIds, rowsOf } from '../../db/sql.ts';
import type { Role, ScopeRef } from '../access.ts';
import { translate, type LocalizedText, type Locale, type MessageParams } from '../messages.ts';
import { renderEmail, smtpTransport, type EmailContent, type SmtpSettings } from './email.ts';
import type { NotificationKind } from './kinds.ts';
import { releaseTime, type QuietHours } from './quiet-hours.ts';
import { robotAccepted, robotRequest, type RobotKind } from './robots.ts';
import { UnreadHub } from './stream.ts';

export type Recipients = { users: number[] } | { students: number[] } | { role: Role; scope: ScopeRef };

export interface NotifyInput {
  to: Recipients | Recipients[];
  kind: string;
  /** Fills the kind's title and body messages; kept with the notification. */
  payload: MessageParams;
  /** The same key never sends twice (e.g. `creditbank.claim_decided:42:granted`). */
  dedupeKey: string;
  /** Web path of the object, e.g. `/creditbank/me`. */
  link?: string | null;
  institutionId?: number | null;
  createdBy?: number | null;
}

export interface NotifyResult {
  notificationId: number;
  created: boolean;
  recipients: number;
  emails: number;
  robots: number;
  userIds: number[];
}

export interface DelivererOptions {
  batchSize?: number;
  /** Messages sent at once (over the pooled SMTP connections and robot requests). */
  concurrency?: number;
  backoffBaseMs?: number;
  maxAttempts?: number;
  robotTimeoutMs?: number;
}

interface ClaimedDelivery {
  id: number;
  notification_id: number;
  channel: 'email' | RobotKind;
  channel_id: number;
  user_id: number | null;
  address: string | null;
  locale: Locale;
  attempts: number;
  sealed_params: string | null;
}

/**
 * Send-only e-mail (`mailSealed`): one message per person with params that must never be stored in
 * clear (an activation code). Why this path: it keeps the platform's SMTP channel, its pooled sending,
 * retries with backoff and the delivery log, while the secret lives only sealed (AES-GCM, bound to its
 * delivery row) and only until that row is sent, given up or voided — then `sealed_params` is NULL.
 * The notification row keeps the texts with the sealed params masked; there is no inbox entry.
 */
export interface SealedMailInput {
  kind: string;
  /** Kept with the notification: nothing secret (checked against the kind's sealed params). */
  payload: MessageParams;
  dedupeKey: string;
  institutionId: number | null;
  createdBy?: number | null;
  to: Array<{ userId: number; address: string; locale?: Locale; sealed: MessageParams }>;
}

/** A delivery's sealed params open only in their own row. */
export const deliverySealedAt = (rowId: number) => ({ table: 'notification_deliveries', column: 'sealed_params', rowId });

/** How a sealed param shows in the stored notification. */
const sealedMask: LocalizedText = { 'zh-CN': '〔仅见于邮件〕', en: '[in the e-mail only]' };

/** A channel's secret or webhook address opens only in its own row and column. */
export const channelSealedAt = (rowId: number, column: 'secret_sealed' | 'webhook_sealed') => ({
  table: 'notification_channels',
  column,
  rowId,
});

/** A notification as the deliverer reads it. */
interface Notice {
  kind: string;
  payload: unknown;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
}

/** A channel as the sender needs it (secrets still sealed). */
export interface SendingChannel {
  id: number;
  kind: string;
  config: unknown;
  secretSealed: string | null;
  webhookSealed: string | null;
  updatedAt: Date | string;
}

export class NotificationService {
  private readonly kinds = new Map<string, NotificationKind>();
  readonly hub: UnreadHub;
  private readonly transports = new Map<string, Transporter>();
  private draining: Promise<unknown> | null = null;
  private again = false;
  private closed = false;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly backoffBaseMs: number;
  private readonly maxAttempts: number;
  private readonly robotTimeoutMs: number;

  constructor(
    private readonly app: AppContext,
    options: DelivererOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.concurrency = options.concurrency ?? 16;
    this.backoffBaseMs = options.backoffBaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.robotTimeoutMs = options.robotTimeoutMs ?? 10_000;
    this.hub = new UnreadHub(app);
  }

  registerKind(kind: NotificationKind): void {
    if (this.kinds.has(kind.key)) throw new Error(`Notification kind ${kind.key} registered twice`);
    this.kinds.set(kind.key, kind);
  }

  /** The kinds people choose by e-mail and robots are bound to (send-only kinds are not among them). */
  listKinds(): NotificationKind[] {
    return [...this.kinds.values()].filter((kind) => !kind.sealedParams);
  }

  kind(key: string): NotificationKind | undefined {
    return this.kinds.get(key);
  }

  /**
   * Sends a notification. Inside a module's transaction (`tx`) everything is written with the module's
   * write and sent after it commits; call `kick()` after the commit for immediate delivery (the
   * delivery job picks it up within seconds otherwise).
   */
  async notify(input: NotifyInput, tx?: Db): Promise<NotifyResult> {
    const kind = this.kinds.get(input.kind);
    if (!kind) throw new Error(`Unknown notification kind ${input.kind}`);
    if (kind.sealedParams) throw new Error(`${input.kind} is send-only: use mailSealed`);
    const write = async (db: Db) => this.write(db, kind, input);
    const result = tx ? await write(tx) : await this.app.db.transaction(write);
    if (!tx && result.created) this.afterCommit(result);
    return result;
  }

  /** After the caller's transaction committed: start delivery and push the new unread counts. */
  afterCommit(result: Pick<NotifyResult, 'emails' | 'robots' | 'userIds'>): void {
    if (result.emails + result.robots > 0) this.kick();
    this.hub.changed(result.userIds);
  }

  private async write(db: Db, kind: NotificationKind, input: NotifyInput): Promise<NotifyResult> {
    const targets = Array.isArray(input.to) ? input.to : [input.to];
    const scope = targets.find((target): target is { role: Role; scope: ScopeRef } => 'role' in target)?.scope ?? null;
    const titleZh = translate(kind.titleKey, 'zh-CN', input.payload);
    const bodyZh = translate(kind.bodyKey, 'zh-CN', input.payload);
    const [inserted] = rowsOf<{ id: number }>(
      await db.execute(sql`
      INSERT INTO notifications (institution_id, kind, dedupe_key, title_zh, title_en, body_zh, body_en, link, payload, recipients, scope_type, scope_id, created_by)
      VALUES (${input.institutionId ?? null}, ${kind.key}, ${input.dedupeKey}, ${titleZh}, ${translate(kind.titleKey, 'en', input.payload)},
              ${bodyZh}, ${translate(kind.bodyKey, 'en', input.payload)}, ${input.link ?? null}, ${JSON.stringify(input.payload)}::jsonb,
              ${JSON.stringify(targets)}::jsonb, ${scope?.type ?? null}, ${scope?.id ?? null}, ${input.createdBy ?? null})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id`),
    );
    if (!inserted) {
      const [existing] = rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM notifications WHERE dedupe_key = ${input.dedupeKey}`));
      return { notificationId: Number(existing!.id), created: false, recipients: 0, emails: 0, robots: 0, userIds: [] };
    }
    const notificationId = Number(inserted.id);
    const userIds = await this.resolve(db, targets);
    const list = JSON.stringify(userIds);
    if (userIds.length > 0) {
      await db.execute(sql`
        INSERT INTO notification_inbox (notification_id, user_id)
        SELECT ${notificationId}, id FROM jsonb_array_elements_text(${list}::jsonb) AS t(id_text), LATERAL (SELECT id_text::bigint AS id) i`);
    }
    const emails = await this.planEmails(db, notificationId, kind, input.institutionId ?? null, userIds);
    const robots = scope ? await this.planRobots(db, notificationId, kind.key, scope) : 0;
    await db.execute(sql`UPDATE notifications SET recipient_count = ${userIds.length} WHERE id = ${notificationId}`);
    return { notificationId, created: true, recipients: userIds.length, emails, robots, userIds };
  }

  /** Recipients at send time: accounts that are not disabled. */
  private async resolve(db: Db, targets: Recipients[]): Promise<number[]> {
    const ids = new Set<number>();
    const tree = await this.app.scopes.get(db);
    for (const target of targets) {
      let rows: Array<{ id: number }>;
      if ('users' in target) {
        rows = rowsOf(
          await db.execute(
            sql`SELECT id FROM users WHERE NOT disabled AND id IN (SELECT jsonb_array_elements_text(${JSON.stringify(target.users)}::jsonb)::bigint)`,
          ),
        );
      } else if ('students' in target) {
        rows = rowsOf(
          await db.execute(
            sql`SELECT id FROM users WHERE NOT disabled AND student_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(target.students)}::jsonb)::bigint)`,
          ),
        );
      } else {
        // Holders of the role on the scope or on one above it (a grant that covers the scope).
        const chain = tree.has(target.scope) ? tree.chain(target.scope) : [target.scope];
        rows = rowsOf(
          await db.execute(sql`
          SELECT DISTINCT u.id FROM role_grants g JOIN users u ON u.id = g.user_id
          WHERE NOT u.disabled AND g.role = ${target.role}
            AND (g.scope_type || ':' || g.scope_id) IN (SELECT jsonb_array_elements_text(${JSON.stringify(chain.map((node) => `${node.type}:${node.id}`))}::jsonb))`),
        );
      }
      for (const row of rows) ids.add(Number(row.id));
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** E-mail rows for recipients with an address who want this kind by mail, held back past their quiet hours. */
  private async planEmails(
    db: Db,
    notificationId: number,
    kind: NotificationKind,
    institutionId: number | null,
    userIds: number[],
  ): Promise<number> {
    if (userIds.length === 0) return 0;
    const smtpId = await this.smtpChannelId(db, institutionId);
    if (smtpId === null) return 0;
    const people = rowsOf<{
      id: number;
      email: string;
      locale: string;
      wants: boolean | null;
      quiet_start: number | null;
      quiet_end: number | null;
    }>(
      await db.execute(sql`
      SELECT u.id, u.email, u.locale, (p.email_kinds ->> ${kind.key})::boolean AS wants, p.quiet_start, p.quiet_end
      FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
      WHERE u.email IS NOT NULL AND u.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb)::bigint)`),
    );
    const now = new Date();
    const rows = people
      .filter((person) => person.wants ?? kind.emailByDefault)
      .map((person) => {
        const quiet: QuietHours | null =
          person.quiet_start === null || person.quiet_end === null ? null : { start: person.quiet_start, end: person.quiet_end };
        const release = releaseTime(now, quiet);
        return {
          user_id: Number(person.id),
          address: person.email,
          locale: person.locale === 'en' ? 'en' : 'zh-CN',
          next_attempt_at: release.toISOString(),
          deferred_reason: release > now ? 'quiet_hours' : null,
        };
      });
    if (rows.length === 0) return 0;
    await db.execute(sql`
      INSERT INTO notification_deliveries (notification_id, channel, channel_id, user_id, address, locale, next_attempt_at, deferred_reason)
      SELECT ${notificationId}, 'email', ${smtpId}, r.user_id, r.address, r.locale, r.next_attempt_at, r.deferred_reason
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(user_id bigint, address text, locale text, next_attempt_at timestamptz, deferred_reason text)`);
    return rows.length;
  }

  /** The SMTP channel mail of an institution goes through: its own, else the platform-wide one; null when none is enabled. */
  async smtpChannelId(db: Db, institutionId: number | null): Promise<number | null> {
    const [smtp] = rowsOf<{ id: number }>(
      await db.execute(sql`
      SELECT id FROM notification_channels WHERE kind = 'smtp' AND enabled AND (institution_id = ${institutionId} OR institution_id IS NULL)
      ORDER BY institution_id IS NULL LIMIT 1`),
    );
    return smtp ? Number(smtp.id) : null;
  }

  /**
   * Writes a send-only notification inside the caller's transaction (see SealedMailInput): the notification
   * with the sealed params masked, and one e-mail delivery per person holding their params sealed for its
   * row, due at once (no quiet hours: the person has no account to choose them yet). Call `kick()` after
   * the commit. Throws when no SMTP channel is enabled (callers check `smtpChannelId` first).
   */
  async mailSealed(db: Db, input: SealedMailInput): Promise<{ notificationId: number; channelId: number; emails: number }> {
    const kind = this.kinds.get(input.kind);
    if (!kind?.sealedParams) throw new Error(`${input.kind} is not a send-only kind`);
    const sealedNames = new Set(kind.sealedParams);
    const leaked = Object.keys(input.payload).filter((key) => sealedNames.has(key));
    if (leaked.length > 0) throw new Error(`Sealed params in the stored payload: ${leaked.join(', ')}`);
    for (const mail of input.to) {
      const unknown = Object.keys(mail.sealed).filter((key) => !sealedNames.has(key));
      if (unknown.length > 0) throw new Error(`Params not declared sealed by ${kind.key}: ${unknown.join(', ')}`);
    }
    const smtpId = await this.smtpChannelId(db, input.institutionId);
    if (smtpId === null) throw new Error('No SMTP channel is enabled');
    const shown: MessageParams = { ...Object.fromEntries(kind.sealedParams.map((name) => [name, sealedMask])), ...input.payload };
    const [inserted] = rowsOf<{ id: number }>(
      await db.execute(sql`
      INSERT INTO notifications (institution_id, kind, dedupe_key, title_zh, title_en, body_zh, body_en, payload, recipients, recipient_count, created_by)
      VALUES (${input.institutionId}, ${kind.key}, ${input.dedupeKey}, ${translate(kind.titleKey, 'zh-CN', shown)}, ${translate(kind.titleKey, 'en', shown)},
              ${translate(kind.bodyKey, 'zh-CN', shown)}, ${translate(kind.bodyKey, 'en', shown)}, ${JSON.stringify(input.payload)}::jsonb,
              ${JSON.stringify([{ users: input.to.map((mail) => mail.userId) }])}::jsonb, ${input.to.length}, ${input.createdBy ?? null})
      RETURNING id`),
    );
    const notificationId = Number(inserted!.id);
    const ids = await allocateIds(db, 'notification_deliveries', input.to.length);
    const rows = input.to.map((mail, index) => ({
      id: ids[index]!,
      user_id: mail.userId,
      address: mail.address,
      locale: mail.locale ?? 'zh-CN',
      sealed: this.app.pii.encrypt(JSON.stringify(mail.sealed), deliverySealedAt(ids[index]!)),
    }));
    for (let start = 0; start < rows.length; start += 2000) {
      await db.execute(sql`
        INSERT INTO notification_deliveries (id, notification_id, channel, channel_id, user_id, address, locale, sealed_params)
        OVERRIDING SYSTEM VALUE
        SELECT r.id, ${notificationId}, 'email', ${smtpId}, r.user_id, r.address, r.locale, r.sealed
        FROM jsonb_to_recordset(${JSON.stringify(rows.slice(start, start + 2000))}::jsonb) AS r(id bigint, user_id bigint, address text, locale text, sealed text)`);
    }
    return { notificationId, channelId: smtpId, emails: rows.length };
  }

  /**
   * Send-only mail still waiting for these people is voided (e.g. their activation code was replaced):
   * its sealed params are dropped and the delivery is recorded as failed with the reason.
   */
  async voidSealedMail(db: Db, userIds: number[], reason: string): Promise<number> {
    if (userIds.length === 0) return 0;
    const voided = rowsOf<{ id: number }>(
      await db.execute(sql`
      UPDATE notification_deliveries SET sealed_params = NULL, status = 'failed', last_error = ${reason}, locked_until = NULL, updated_at = now()
      WHERE sealed_params IS NOT NULL AND status IN ('pending', 'sending')
        AND user_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb)::bigint)
      RETURNING id`),
    );
    return voided.length;
  }

  /** Robots bound to the notification's scope or a scope above it, for this kind (or every kind). */
  private async planRobots(db: Db, notificationId: number, kindKey: string, scope: ScopeRef): Promise<number> {
    const tree = await this.app.scopes.get(db);
    const chain = (tree.has(scope) ? tree.chain(scope) : [scope]).map((node) => `${node.type}:${node.id}`);
    const inserted = rowsOf<{ id: number }>(
      await db.execute(sql`
      INSERT INTO notification_deliveries (notification_id, channel, channel_id)
      SELECT ${notificationId}, c.kind, c.id FROM notification_channels c
      WHERE c.kind <> 'smtp' AND c.enabled AND (c.scope_type || ':' || c.scope_id) IN (SELECT jsonb_array_elements_text(${JSON.stringify(chain)}::jsonb))
        AND (cardinality(c.kinds) = 0 OR ${kindKey} = ANY (c.kinds))
      RETURNING id`),
    );
    return inserted.length;
  }

  /** Starts a delivery pass soon (several kicks share one pass). */
  kick(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch(() => undefined)
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the delivery passes started by kicks have finished. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Sends every due delivery; resolves when none is left. Returns what happened to them. */
  async drain(): Promise<{ sent: number; failed: number; retrying: number }> {
    const totals = { sent: 0, failed: 0, retrying: 0 };
    const channels = new Map<number, SendingChannel>();
    for (;;) {
      const claimed = rowsOf<ClaimedDelivery>(
        await this.app.db.execute(sql`
        WITH due AS (
          SELECT id FROM notification_deliveries
          WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
          ORDER BY next_attempt_at, id LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED
        )
        UPDATE notification_deliveries d SET status = 'sending', attempts = d.attempts + 1, locked_until = now() + interval '2 minutes', updated_at = now()
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.notification_id, d.channel, d.channel_id, d.user_id, d.address, d.locale, d.attempts, d.sealed_params`),
      );
      if (claimed.length === 0) return totals;
      const notificationIds = [...new Set(claimed.map((row) => Number(row.notification_id)))];
      const notices = new Map(
        rowsOf<Notice & { id: number }>(
          await this.app.db.execute(sql`
        SELECT id, kind, payload, title_zh, title_en, body_zh, body_en, link FROM notifications WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(notificationIds)}::jsonb)::bigint)`),
        ).map((row) => [Number(row.id), row]),
      );
      const missingChannels = [...new Set(claimed.map((row) => Number(row.channel_id)))].filter((id) => !channels.has(id));
      if (missingChannels.length > 0) {
        for (const row of rowsOf<{
          id: number;
          kind: string;
          config: unknown;
          secret_sealed: string | null;
          webhook_sealed: string | null;
          updated_at: Date | string;
        }>(
          await this.app.db.execute(sql`
          SELECT id, kind, config, secret_sealed, webhook_sealed, updated_at FROM notification_channels WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(missingChannels)}::jsonb)::bigint)`),
        )) {
          channels.set(Number(row.id), {
            id: Number(row.id),
            kind: row.kind,
            config: row.config,
            secretSealed: row.secret_sealed,
            webhookSealed: row.webhook_sealed,
            updatedAt: row.updated_at,
          });
        }
      }
      const names = new Map(
        rowsOf<{ id: number; display_name: string }>(
          await this.app.db.execute(sql`
        SELECT id, display_name FROM users WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(claimed.filter((row) => row.user_id).map((row) => Number(row.user_id)))}::jsonb)::bigint)`),
        ).map((row) => [Number(row.id), row.display_name]),
      );
      const outcomes: Array<{ id: number; ok: boolean; error: string | null; attempts: number }> = [];
      let next = 0;
      const worker = async () => {
        while (next < claimed.length) {
          const delivery = claimed[next++]!;
          const notice = notices.get(Number(delivery.notification_id));
          const channel = channels.get(Number(delivery.channel_id));
          let error: string | null = null;
          try {
            if (!notice || !channel) throw new Error('notification or channel is gone');
            await this.sendOne(delivery, notice, channel, names.get(Number(delivery.user_id)) ?? '');
          } catch (failure) {
            error = failure instanceof Error ? failure.message.slice(0, 500) : String(failure).slice(0, 500);
          }
          outcomes.push({ id: Number(delivery.id), ok: error === null, error, attempts: delivery.attempts });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, claimed.length) }, worker));
      const sent = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.id);
      if (sent.length > 0) {
        // A sent mail's sealed params are dropped with the same statement that records it as sent.
        await this.app.db.execute(sql`
          UPDATE notification_deliveries SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL, sealed_params = NULL, updated_at = now()
          WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(sent)}::jsonb)::bigint)`);
      }
      const failures = outcomes
        .filter((outcome) => !outcome.ok)
        .map((outcome) => {
          const final = outcome.attempts >= this.maxAttempts;
          if (final) totals.failed += 1;
          else totals.retrying += 1;
          return {
            id: outcome.id,
            error: outcome.error,
            status: final ? 'failed' : 'pending',
            next_attempt_at: new Date(Date.now() + this.backoffBaseMs * 2 ** (outcome.attempts - 1)).toISOString(),
          };
        });
      if (failures.length > 0) {
        await this.app.db.execute(sql`
          UPDATE notification_deliveries d SET status = f.status, last_error = f.error, next_attempt_at = f.next_attempt_at, locked_until = NULL,
            sealed_params = CASE WHEN f.status = 'failed' THEN NULL ELSE d.sealed_params END, updated_at = now()
          FROM jsonb_to_recordset(${JSON.stringify(failures)}::jsonb) AS f(id bigint, error text, status text, next_attempt_at timestamptz)
          WHERE d.id = f.id`);
      }
      totals.sent += sent.length;
    }
  }

  private async sendOne(delivery: ClaimedDelivery, notice: Notice, channel: SendingChannel, name: string) {
    const url = notice.link ? new URL(notice.link, this.app.config.publicUrl).toString() : null;
    if (delivery.channel === 'email') {
      const locale: Locale = delivery.locale === 'en' ? 'en' : 'zh-CN';
      const kind = this.kinds.get(notice.kind);
      const content = kind?.sealedParams
        ? this.sealedContent(kind, delivery, notice, name, locale, url)
        : renderEmail(
            locale,
            name,
            locale === 'en' ? notice.title_en : notice.title_zh,
            locale === 'en' ? notice.body_en : notice.body_zh,
            url,
          );
      const settings = this.smtpSettings(channel);
      await this.transport(channel, settings).sendMail({
        from: settings.from,
        to: delivery.address!,
        subject: content.subject,
        text: content.text,
        html: content.html,
        headers: { 'X-Sitong-Notification': String(delivery.notification_id), 'X-Sitong-Delivery': String(delivery.id) },
      });
      return;
    }
    await this.postToRobot(delivery.channel, channel, { title: notice.title_zh, body: notice.body_zh, url });
  }

  /** A send-only mail, from the stored payload and the delivery's own params, opened only here and never logged. */
  private sealedContent(
    kind: NotificationKind,
    delivery: ClaimedDelivery,
    notice: Notice,
    name: string,
    locale: Locale,
    url: string | null,
  ): EmailContent {
    if (!delivery.sealed_params) throw new Error('its sealed content is gone (sent, given up or voided)');
    const opened = JSON.parse(this.app.pii.decrypt(delivery.sealed_params, deliverySealedAt(Number(delivery.id)))) as MessageParams;
    const stored = (typeof notice.payload === 'string' ? JSON.parse(notice.payload) : (notice.payload ?? {})) as MessageParams;
    const params: MessageParams = { ...stored, ...opened };
    if (kind.renderEmail) return kind.renderEmail(params, name);
    return renderEmail(locale, name, translate(kind.titleKey, locale, params), translate(kind.bodyKey, locale, params), url);
  }

  /** Posts one message to a robot and checks the vendor's answer. */
  async postToRobot(
    kind: RobotKind,
    channel: Pick<SendingChannel, 'id' | 'secretSealed' | 'webhookSealed'>,
    message: { title: string; body: string; url: string | null },
  ): Promise<void> {
    const webhook = this.app.pii.decrypt(channel.webhookSealed!, channelSealedAt(channel.id, 'webhook_sealed'));
    const secret = channel.secretSealed ? this.app.pii.decrypt(channel.secretSealed, channelSealedAt(channel.id, 'secret_sealed')) : null;
    const request = robotRequest(kind, webhook, secret, message);
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(this.robotTimeoutMs),
    });
    const answer = await response.json().catch(() => null);
    const verdict = robotAccepted(kind, response.status, answer);
    if (!verdict.ok) throw new Error(verdict.error);
  }

  smtpSettings(channel: Pick<SendingChannel, 'id' | 'config' | 'secretSealed'>): SmtpSettings {
    const config = channel.config as { host: string; port: number; secure: boolean; username: string | null; from: string };
    const password = channel.secretSealed ? this.app.pii.decrypt(channel.secretSealed, channelSealedAt(channel.id, 'secret_sealed')) : null;
    return { ...config, password };
  }

  /** One pooled transport per channel version (a changed channel gets a new one). */
  transport(channel: Pick<SendingChannel, 'id' | 'updatedAt'>, settings: SmtpSettings): Transporter {
    const key = `${channel.id}:${new Date(channel.updatedAt).getTime()}`;
    let transport = this.transports.get(key);
    if (!transport) {
      for (const [other, old] of this.transports) {
        if (other.startsWith(`${channel.id}:`)) {
          old.close();
          this.transports.delete(other);
        }
      }
      transport = smtpTransport(settings);
      this.transports.set(key, transport);
    }
    return transport;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    this.hub.close();
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
