import type { LocalizedText } from '../messages.ts';

export const channels = ['inbox', 'email', 'wecom', 'dingtalk', 'feishu'] as const;
export type Channel = (typeof channels)[number];
/** Channels a person can choose for themselves (the inbox is always on; group robots are set up by admins per scope). */
export const personalChannels = ['email'] as const;
export type PersonalChannel = (typeof personalChannels)[number];

/** A kind of notification a module sends: people choose per kind whether it also reaches them by e-mail. */
export interface NotificationKind {
  /** `<module>.<kind>`. */
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Whether e-mail is on until the person says otherwise. */
  emailByDefault: boolean;
}
