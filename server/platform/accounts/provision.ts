/**
 * Every student and teacher gets an account without hand work: from the roster (学号 / 工号 as the user
 * name), for an institution, a major or a class. Each new account gets a one-time activation code —
 * only its hash is stored — and the codes leave once: on an activation sheet (.xlsx, one worksheet per
 * class or department) for the class teacher to hand out, or, when asked, by e-mail to each person with
 * an address (the others stay on the sheet). Codes of accounts never activated can be issued again.
 */
import crypto from 'node:crypto';
import { or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { inJsonList } from '../../db/connection.ts';
import { authorize, requireActor, type ScopeRef } from '../access.ts';
import { recordAudit, recordAuditMany, type AuditEntry, type RequestContext } from '../audit.ts';
import { recordAuthChange } from '../auth.ts';
import { AppError } from '../errors.ts';
import type { Locale } from '../messages.ts';
import type { AccountHolder, AccountSelection } from '../module.ts';
import { activationCodes, roleGrants, users } from '../schema.ts';
import { activationCodeHash, activationRules, newActivationCode, noPasswordYet } from './activation.ts';
import { activationMailKey, codeReplaced, numberLabel, type ActivationMailParams } from './activation-mail.ts';

export const codeDeliveries = ['sheet', 'email'] as const;
export type CodeDelivery = (typeof codeDeliveries)[number];

export interface ProvisionInput extends AccountSelection {
  /** Also issue new codes to accounts of this roster that were never activated (a lost sheet). */
  reissue?: boolean;
  /** How the codes leave: the sheet (default), or e-mail to those with an address (the rest on the sheet). */
  delivery?: CodeDelivery;
}

interface SheetLine {
  holder: AccountHolder;
  code: string;
}

/** What the database accepts as users.email (its CHECK); a roster address it would refuse is not used. */
const mailable = (address: string | null | undefined): string | null => {
  const trimmed = address?.trim() ?? '';
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(trimmed) && trimmed.length <= 200 ? trimmed : null;
};

const chunk = 1000;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += chunk) out.push(list.slice(start, start + chunk));
  return out;
}

export async function provisionAccounts(app: AppContext, request: RequestContext, input: ProvisionInput, locale: Locale) {
  const actor = requireActor(request.actor);
  const tree = await app.scopes.get();
  const source = app.modules.find((manifest) => manifest.accountHolders);
  if (!source) throw new Error('No module keeps the rosters');
  authorize(actor, 'accounts.provision', { type: 'institution', id: input.institutionId }, tree);
  const holders = await source.accountHolders!(app.db, input);
  if (holders.length === 0) throw new AppError(422, 'NOTHING_TO_PROVISION', 'account.nothing_to_provision');
  const byEmail = input.delivery === 'email';
  if (byEmail && (await app.notifications.smtpChannelId(app.db, input.institutionId)) === null)
    throw new AppError(422, 'NO_SMTP', 'account.no_smtp');

  const expiresAt = new Date(Date.now() + activationRules.validDays * 86_400_000);
  const result = await app.db.transaction(async (tx) => {
    const names = [...new Set(holders.map((holder) => holder.username.toLowerCase()))];
    const studentIds = holders.filter((holder) => holder.kind === 'student').map((holder) => holder.personId);
    const teacherIds = holders.filter((holder) => holder.kind === 'teacher').map((holder) => holder.personId);
    const existing = await tx
      .select({
        id: users.id,
        username: users.username,
        email: users.email,
        studentId: users.studentId,
        teacherId: users.teacherId,
        activationPending: users.activationPending,
        disabled: users.disabled,
      })
      .from(users)
      .where(
        or(
          inJsonList(sql`lower(${users.username})`, names, 'text'),
          inJsonList(users.studentId, studentIds, 'bigint'),
          inJsonList(users.teacherId, teacherIds, 'bigint'),
        ),
      );
    const byStudent = new Map(existing.filter((row) => row.studentId).map((row) => [row.studentId!, row]));
    const byTeacher = new Map(existing.filter((row) => row.teacherId).map((row) => [row.teacherId!, row]));
    const byName = new Map(existing.map((row) => [row.username.toLowerCase(), row]));

    const toCreate: AccountHolder[] = [];
    const toReissue: Array<{ holder: AccountHolder; userId: number; address: string | null }> = [];
    const conflicts: Array<{ username: string; displayName: string; reason: 'username_taken' }> = [];
    let alreadyActive = 0;
    for (const holder of holders) {
      const linked = holder.kind === 'student' ? byStudent.get(holder.personId) : byTeacher.get(holder.personId);
      if (linked) {
        if (input.reissue && linked.activationPending && !linked.disabled)
          // The account's own address first, else the one on the roster.
          toReissue.push({ holder, userId: linked.id, address: mailable(linked.email) ?? mailable(holder.email) });
        else alreadyActive += 1;
      } else if (byName.has(holder.username.toLowerCase())) {
        conflicts.push({ username: holder.username, displayName: holder.displayName, reason: 'username_taken' });
      } else toCreate.push(holder);
    }

    const lines: SheetLine[] = [];
    const created: Array<{ id: number; holder: AccountHolder }> = [];
    for (const part of chunks(toCreate)) {
      const rows = await tx
        .insert(users)
        .values(
          part.map((holder) => ({
            username: holder.username,
            displayName: holder.displayName,
            email: mailable(holder.email),
            institutionId: holder.institutionId,
            studentId: holder.kind === 'student' ? holder.personId : null,
            teacherId: holder.kind === 'teacher' ? holder.personId : null,
            passwordHash: noPasswordYet,
            activationPending: true,
            createdBy: actor.userId,
          })),
        )
        .returning({ id: users.id });
      rows.forEach((row, index) => created.push({ id: row.id, holder: part[index]! }));
    }
    for (const part of chunks(created)) {
      await tx.insert(roleGrants).values(
        part.map(({ id, holder }) => ({
          userId: id,
          role: holder.kind,
          scopeType: holder.scope.type,
          scopeId: holder.scope.id,
          institutionId: holder.institutionId,
          grantedBy: actor.userId,
        })),
      );
    }
    const coded = [...created.map(({ id, holder }) => ({ userId: id, holder, address: mailable(holder.email) })), ...toReissue];
    const mails: Array<{ userId: number; address: string; sealed: ActivationMailParams }> = [];
    const mailedTo = new Set<number>();
    const codes = coded.map(({ userId, holder, address }) => {
      const code = newActivationCode();
      const delivery: CodeDelivery = byEmail && address ? 'email' : 'sheet';
      if (delivery === 'email') {
        mails.push({ userId, address: address!, sealed: { username: holder.username, number: numberLabel(holder.kind), code } });
        mailedTo.add(userId);
      } else lines.push({ holder, code });
      return { userId, codeHash: activationCodeHash(code), delivery, expiresAt, issuedBy: actor.userId };
    });
    for (const part of chunks(codes)) {
      await tx
        .insert(activationCodes)
        .values(part)
        .onConflictDoUpdate({
          target: activationCodes.userId,
          set: {
            codeHash: sql`excluded.code_hash`,
            delivery: sql`excluded.delivery`,
            expiresAt: sql`excluded.expires_at`,
            issuedBy: sql`excluded.issued_by`,
            issuedAt: sql`now()`,
          },
        });
    }
    for (const { userId } of toReissue) await recordAuthChange(tx, { userId });
    // A code mailed earlier and not yet sent is void now: its sealed copy goes too.
    await app.notifications.voidSealedMail(
      tx,
      toReissue.map(({ userId }) => userId),
      codeReplaced,
    );
    // By e-mail through the platform's SMTP channel, its retries and delivery log; the code is only sealed
    // in its delivery row and dropped once sent (see SealedMailInput in notifications/service.ts).
    const mailing =
      mails.length > 0
        ? await app.notifications.mailSealed(tx, {
            kind: activationMailKey,
            payload: { loginUrl: `${app.config.publicUrl}/login`, validUntil: sheetDate(expiresAt) },
            dedupeKey: `${activationMailKey}:${crypto.randomUUID()}`,
            institutionId: input.institutionId,
            createdBy: actor.userId,
            to: mails,
          })
        : null;
    const how = (userId: number) => (mailedTo.has(userId) ? '激活码已通过邮件发给本人' : '激活码随激活单发放');

    const entries: AuditEntry[] = [
      ...created.map(({ id, holder }): AuditEntry => ({
        action: 'account.provision',
        entity: 'user',
        entityId: id,
        institutionId: holder.institutionId,
        summary: `按名册开通账号 ${holder.username}（${holder.displayName}），${how(id)}`,
        before: null,
        after: {
          username: holder.username,
          kind: holder.kind,
          role: holder.kind,
          scope: holder.scope,
          codeDelivery: mailedTo.has(id) ? 'email' : 'sheet',
        },
      })),
      ...toReissue.map(({ userId, holder }): AuditEntry => ({
        action: 'account.reissue',
        entity: 'user',
        entityId: userId,
        institutionId: holder.institutionId,
        summary: `为未激活账号 ${holder.username} 重新发放激活码（原激活码作废），${how(userId)}`,
        after: { codeDelivery: mailedTo.has(userId) ? 'email' : 'sheet' },
      })),
    ];
    if (mailing) {
      // That codes were mailed and through which notification and channel (each account's entry says whose) — never the codes.
      entries.push({
        action: 'account.activation_mail',
        entity: 'notification',
        entityId: mailing.notificationId,
        institutionId: input.institutionId,
        summary: `通过平台邮件发送激活码 ${mailing.emails} 人（激活码不留存），其余 ${lines.length} 人列入激活单`,
        after: {
          mailed: mailing.emails,
          inSheet: lines.length,
          channelId: mailing.channelId,
        },
      });
    }
    await recordAuditMany(tx, request, entries);
    await recordAudit(tx, request, {
      action: 'account.provision_run',
      entity: 'institution',
      entityId: input.institutionId,
      institutionId: input.institutionId,
      summary: `按名册开通账号：新开 ${created.length}，重发激活码 ${toReissue.length}，已有账号 ${alreadyActive}，用户名冲突 ${conflicts.length}；邮件发送 ${mails.length}，激活单 ${lines.length}`,
      after: {
        selection: input,
        mailed: mails.length,
        inSheet: lines.length,
        created: created.length,
        reissued: toReissue.length,
        existing: alreadyActive,
        conflicts: conflicts.length,
      },
    });
    return { lines, mailed: mails.length, created: created.length, reissued: toReissue.length, existing: alreadyActive, conflicts };
  });
  if (result.mailed > 0) app.notifications.kick();
  const scopes: ScopeRef[] = [...new Set(holders.map((holder) => `${holder.scope.type}:${holder.scope.id}`))].map((key) => {
    const [type, id] = key.split(':');
    return { type: type as ScopeRef['type'], id: Number(id) };
  });
  return {
    summary: {
      created: result.created,
      reissued: result.reissued,
      existing: result.existing,
      conflicts: result.conflicts,
      scopes: scopes.length,
      mailed: result.mailed,
      inSheet: result.lines.length,
    },
    sheet: result.lines.length > 0 ? await activationSheet(app, result.lines, expiresAt, locale) : null,
  };
}

/** The last day a code works, as the sheet and the mail print it (Beijing calendar). */
const sheetDate = (expiresAt: Date) => expiresAt.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

const sheetNameProblems = /[\\/*?:[\]]/g;

/** One worksheet per class (or department): 学号/工号, 姓名, 激活码, 有效期至, with how to sign in. */
async function activationSheet(app: AppContext, lines: SheetLine[], expiresAt: Date, locale: Locale): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sitong 四通';
  const en = locale === 'en';
  const loginUrl = `${app.config.publicUrl}/login`;
  const until = sheetDate(expiresAt);
  const groups = new Map<string, SheetLine[]>();
  for (const line of lines) groups.set(line.holder.listedUnder, [...(groups.get(line.holder.listedUnder) ?? []), line]);
  const used = new Set<string>();
  for (const [listedUnder, group] of groups) {
    let name = listedUnder.replace(sheetNameProblems, ' ').slice(0, 28) || (en ? 'Accounts' : '账号');
    for (let n = 2; used.has(name); n++) name = `${name.slice(0, 26)}-${n}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name);
    sheet.columns = [
      { key: 'username', width: 20 },
      { key: 'name', width: 14 },
      { key: 'code', width: 20 },
      { key: 'until', width: 14 },
    ];
    sheet.addRow([en ? `${listedUnder}: account activation` : `${listedUnder} 账号激活单`]).font = { bold: true, size: 14 };
    sheet.addRow([
      en
        ? `Sign in at ${loginUrl} with your number as user name and the code below as password, then choose your own password. Each code works once, until ${until}. Keep it to yourself.`
        : `请登录 ${loginUrl}：用户名为学号（教师为工号），密码处填写下方激活码，登录后按提示设置自己的密码。激活码仅能使用一次，有效期至 ${until}，请勿转交他人。`,
    ]);
    sheet.mergeCells(2, 1, 2, 4);
    sheet.getRow(2).alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(2).height = 48;
    const header = sheet.addRow(
      en
        ? ['Student / staff no.', 'Name', 'Activation code', 'Valid until']
        : [group[0]!.holder.kind === 'teacher' ? '工号' : '学号', '姓名', '激活码', '有效期至'],
    );
    header.font = { bold: true };
    for (const line of group) {
      const row = sheet.addRow([line.holder.username, line.holder.displayName, line.code, until]);
      row.getCell(1).numFmt = '@';
      row.getCell(3).font = { name: 'Consolas', bold: true };
    }
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
    sheet.pageSetup = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
