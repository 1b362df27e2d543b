/**
 * The workbench (工作台): after login each person lands on cards that the modules contribute through
 * their manifest, each saying what needs them and linking to the page where it is done.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from './access.ts';
import type { LocalizedText } from './messages.ts';

export type CardTone = 'todo' | 'info' | 'warning' | 'danger' | 'done';

export interface WorkbenchItem {
  label: LocalizedText;
  detail?: LocalizedText;
  link?: string;
  tone?: CardTone;
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
}

export type WorkbenchProvider = (app: AppContext, actor: Actor) => Promise<WorkbenchCard[]>;
