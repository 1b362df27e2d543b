/**
 * The activation code by e-mail: a send-only notification kind. The code (with the user name it goes
 * with) is a sealed param of each delivery — sealed for that row only and dropped once the mail is sent,
 * given up or voided — so no table ever holds it in clear (see `mailSealed` in notifications/service.ts).
 * One message, Chinese first, then English.
 */
import { translate, type Locale, type LocalizedText, type MessageParams } from '../messages.ts';
import { escapeHtml, type EmailContent } from '../notifications/email.ts';
import type { NotificationKind } from '../notifications/kinds.ts';

export const activationMailKey = 'accounts.activation_code';

/** Why a mailed code not yet sent was dropped (the delivery log shows it). */
export const codeReplaced = '已作废：发放了新的激活码 / voided: a new activation code was issued';

/** What each person's mail carries that is not stored: their user name, what it is (学号 / 工号), the code. */
export interface ActivationMailParams extends MessageParams {
  username: string;
  number: LocalizedText;
  code: string;
}

export const numberLabel = (kind: 'student' | 'teacher'): LocalizedText =>
  kind === 'teacher' ? { 'zh-CN': '工号', en: 'staff number' } : { 'zh-CN': '学号', en: 'student number' };

const locales: Locale[] = ['zh-CN', 'en'];

function renderActivationEmail(params: MessageParams, recipientName: string): EmailContent {
  const part = (locale: Locale) => ({
    greeting: translate('notify.account_activation.greeting', locale, { name: recipientName }),
    body: translate('notify.account_activation.body', locale, params),
    footer: translate('notify.account_activation.footer', locale),
  });
  const parts = locales.map(part);
  const code = String(params.code ?? '');
  const text = [...parts.flatMap((entry) => [entry.greeting, '', entry.body, '']), '—', ...parts.map((entry) => entry.footer)].join('\n');
  const section = (entry: ReturnType<typeof part>, locale: Locale) =>
    `<div lang="${locale}"><p>${escapeHtml(entry.greeting)}</p><p style="white-space:pre-wrap">${escapeHtml(entry.body).replace(
      escapeHtml(code),
      `<strong style="font-family:Consolas,monospace;font-size:18px;letter-spacing:1px">${escapeHtml(code)}</strong>`,
    )}</p></div>`;
  const html = `<!doctype html><html lang="zh-CN"><body style="font-family:'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f1f1f;line-height:1.6">
${section(parts[0]!, 'zh-CN')}
<hr style="border:none;border-top:1px solid #ddd">
${section(parts[1]!, 'en')}
<hr style="border:none;border-top:1px solid #ddd"><p style="color:#888;font-size:12px">${parts.map((entry) => escapeHtml(entry.footer)).join('<br>')}</p>
</body></html>`;
  return {
    subject: `${translate('notify.account_activation.title', 'zh-CN')} / ${translate('notify.account_activation.title', 'en')}`,
    text,
    html,
  };
}

export const activationMailKind: NotificationKind = {
  key: activationMailKey,
  title: { 'zh-CN': '账号激活码', en: 'Account activation code' },
  description: {
    'zh-CN': '开通账号时，通过邮件把一次性激活码发给本人',
    en: 'Mails a newly opened account’s one-time activation code to its holder',
  },
  emailByDefault: true,
  titleKey: 'notify.account_activation.title',
  bodyKey: 'notify.account_activation.body',
  sealedParams: ['username', 'number', 'code'],
  renderEmail: renderActivationEmail,
};
