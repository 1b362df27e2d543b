/**
 * The web side of the module contract: each `pages/<area>/module.tsx` exports one WebModule with its
 * routes (lazy pages), its menu entries, the permission each needs, and its UI messages. App.tsx and
 * AppLayout.tsx loop over `web/src/modules.ts`; the permission check is `allowed()` in lib/access.ts.
 */
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Need } from './access.ts';

export interface WebRoute extends Need {
  /** Below the app shell, without the leading slash (e.g. `creditbank/claims`). */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Outside the signed-in shell, open to anyone (e.g. `verify`). */
  public?: boolean;
}

export interface MenuGroup {
  key: string;
  /** i18n key of the label. */
  label: string;
  icon: ReactNode;
  order: number;
}

export interface MenuEntry extends Need {
  /** The address it opens. */
  path: string;
  /** i18n key of the label. */
  label: string;
  icon: ReactNode;
  /** A group's key (its entries show under it), or none for a top-level entry. */
  group?: string;
  order: number;
}

/** UI messages in both languages; modules' trees are merged into one, and no key may be defined twice. */
export type ModuleMessages = { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };

export interface WebModule {
  name: string;
  routes: WebRoute[];
  menu?: MenuEntry[];
  menuGroups?: MenuGroup[];
  messages?: ModuleMessages;
}
