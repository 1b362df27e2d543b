import type { LocalizedText, MessageKey } from '../messages.ts';

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
}
