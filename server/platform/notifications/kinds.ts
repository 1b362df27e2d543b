import type { LocalizedText, MessageKey, MessageParams } from '../messages.ts';
import type { EmailContent } from './email.ts';

export const deliveryChannels = ['email', 'wecom', 'dingtalk', 'feishu'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export const deliveryStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const robotKinds = ['wecom', 'dingtalk', 'feishu'] as const;
export type ChannelKind = 'smtp' | (typeof robotKinds)[number];

/**
 * A kind of notification a module sends (declared in its manifest). Its title and body are messages
 * whose placeholders the payload fills; people choose per kind whether it also reaches them by e-mail.
 */
export interface NotificationKind {
  /** `<module>.<kind>`. */
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  emailByDefault: boolean;
  titleKey: MessageKey;
  bodyKey: MessageKey;
  /**
   * A send-only kind (an activation code): the params given per recipient, which are never stored in clear.
   * It goes out only by `mailSealed` (e-mail to the address given, whatever the person's choices), is not
   * offered in the notification settings nor to robots, and has no inbox entry.
   */
  sealedParams?: readonly string[];
  /** The e-mail's own text from the params (otherwise the title and body in the recipient's language). */
  renderEmail?: (params: MessageParams, recipientName: string) => EmailContent;
}
