/**
 * E-mail of a notification, zh-CN or English by the recipient's language: the title as subject, the
 * body, a link to the object and a footer on how to stop such mail. Plain text and simple HTML.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Locale } from '../messages.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  username: string | null;
  password: string | null;
  /** The From header, e.g. `四通平台 <noreply@tjpc.edu.cn>`. */
  from: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const footers: Record<Locale, { open: string; footer: string; greeting: (name: string) => string }> = {
  'zh-CN': {
    open: '打开查看',
    greeting: (name) => `${name}，您好：`,
    footer: '此邮件由四通专业集群平台自动发送，请勿直接回复。如不想再收到此类邮件，可在平台“通知设置”中关闭。',
  },
  en: {
    open: 'Open',
    greeting: (name) => `Dear ${name},`,
    footer:
      'Sent automatically by the Sitong cluster platform; please do not reply. To stop such mail, turn it off under Notification settings.',
  },
};

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderEmail(locale: Locale, recipientName: string, title: string, body: string, url: string | null): EmailContent {
  const words = footers[locale];
  const text = [words.greeting(recipientName), '', body, ...(url ? ['', `${words.open}: ${url}`] : []), '', '—', words.footer].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1f1f1f;line-height:1.6">
<p>${escapeHtml(words.greeting(recipientName))}</p>
<h3 style="margin:8px 0">${escapeHtml(title)}</h3>
<p style="white-space:pre-wrap">${escapeHtml(body)}</p>
${url ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:6px 16px;background:#1f5fa8;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(words.open)}</a></p>` : ''}
<hr style="border:none;border-top:1px solid #ddd"><p style="color:#888;font-size:12px">${escapeHtml(words.footer)}</p>
</body></html>`;
  return { subject: title, text, html };
}

/** A pooled SMTP connection set: many messages over a few connections (a fan-out to a thousand people). */
export function smtpTransport(settings: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    pool: true,
    maxConnections: 8,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
