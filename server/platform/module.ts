/**
 * The module contract. A module is one folder under server/modules with one manifest (its index.ts)
 * that declares everything the platform needs from it; app.ts, the schema, the policy, the messages,
 * the scheduler, the workbench and the demo data are assembled by looping over server/modules/index.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connection.ts';
import type { Actor, PolicyTable, ScopeRef, ScopeTree } from './access.ts';
import type { AttachmentOwner } from './attachments/service.ts';
import type { EventConsumer, EventContract } from './events.ts';
import type { ImportDefinition } from './imports/definition.ts';
import type { IndicatorDefinition } from './indicators/registry.ts';
import type { JobDefinition } from './jobs.ts';
import type { MessageTable } from './messages.ts';
import type { NotificationKind } from './notifications/kinds.ts';
import type { PiiCipher } from './pii.ts';
import type { SetupStep } from './setup-steps.ts';
import type { WorkbenchCard } from './workbench.ts';

export interface DemoContext {
  db: Db;
  pii: PiiCipher;
  options: { students: number; teachers?: number; seed?: number };
  /** A demo login (the accounts exist once the module that lists them has seeded). */
  user(username: string): { id: number; teacherId: number | null; studentId: number | null };
}

export interface DemoAccountSpec {
  username: string;
  displayName: string;
  role: Actor['grants'][number]['role'];
  /** As the README's table names it. */
  scope: string;
  scopeType: Actor['grants'][number]['type'];
  scopeId: number;
  institutionId: number | null;
  teacherId?: number;
  studentId?: number;
  enterpriseContactId?: number;
  /** Where the login's notifications go by e-mail. */
  email?: string;
}

/** A person on a roster who can hold an account: a student (学号) or a teacher (工号). */
export interface AccountHolder {
  kind: 'student' | 'teacher';
  personId: number;
  /** 学号 / 工号: the account's user name. */
  username: string;
  displayName: string;
  institutionId: number;
  email: string | null;
  /** Where their own role is granted: a student on their major, a teacher on their home group (or the institution). */
  scope: ScopeRef;
  /** For the activation sheet: the class (students) or department (teachers) they are listed under. */
  listedUnder: string;
}

/** Which roster: an institution, or one major or class of it; students, teachers or both. */
export interface AccountSelection {
  institutionId: number;
  majorId?: number;
  classId?: number;
  kinds: ReadonlyArray<AccountHolder['kind']>;
}

export interface ModuleManifest {
  /** The folder's name; prefixes its actions, messages, jobs and events. */
  name: string;
  /** The Drizzle tables the module owns; only it writes them. */
  tables: Record<string, PgTable>;
  /** Its actions and the roles that hold them (defined with definePolicy). */
  policy: PolicyTable;
  /** Its messages, zh-CN and English (defined with defineMessages). */
  messages: MessageTable;
  /** Registers its HTTP routes (a Fastify plugin, encapsulated). */
  routes?: (fastify: FastifyInstance, app: AppContext) => Promise<void>;
  /** Its spreadsheet imports. */
  imports?: (app: AppContext) => ImportDefinition[];
  /** Its indicators, with the computation where the module can compute them. */
  indicators?: IndicatorDefinition[];
  /** Its scheduled jobs. */
  jobs?: JobDefinition[];
  events?: {
    /** The contracts of the events it publishes. */
    publishes?: ReadonlyArray<EventContract<unknown>>;
    /** Its consumers of other modules' events, each run by the scheduler. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    consumes?: ReadonlyArray<EventConsumer<EventContract<any>>>;
  };
  /** The kinds of notification it sends (for preferences and the delivery log). */
  notifications?: NotificationKind[];
  /** Records files can be attached to, with who may read and attach. */
  attachments?: AttachmentOwner[];
  /** Cards it contributes to each person's workbench. */
  workbench?: (app: AppContext, actor: Actor) => Promise<WorkbenchCard[]>;
  /**
   * Its steps of an institution's first-run setup, in order, each done or not as its data says (the
   * platform puts every module's steps on one card, in module order, and its own accounts step last).
   * `institutionId` is the actor's own institution, null while they have none.
   */
  setupSteps?: (app: AppContext, actor: Actor, institutionId: number | null) => Promise<SetupStep[]>;
  /** The module that owns the organisation supplies the scope tree that every permission check walks. */
  scopeTree?: (db: Db) => Promise<ScopeTree>;
  /** …and the scope a first administrator is granted on (on an empty install it creates it, named as given). */
  firstAdminScope?: (db: Db, name: string | null) => Promise<{ ref: ScopeRef; label: string }>;
  /** The module that keeps the rosters lists who can get an account (provisioning reads them through this). */
  accountHolders?: (db: Db, selection: AccountSelection) => Promise<AccountHolder[]>;
  /** …and the same roster as a subquery of `(kind, person_id)`, so the platform counts who has no account in one statement. */
  accountHolderSet?: (selection: AccountSelection) => SQL;
  /** …and names scopes for people ("430401 钢铁智能冶金技术"), keyed `type:id`. */
  scopeLabels?: (db: Db, refs: ScopeRef[]) => Promise<Map<string, string>>;
  /** Columns it keeps sealed with the master key, each value bound to its table, column and row id (for key rotation). */
  sealedColumns?: SealedColumn[];
  /** Its demo data, loaded once in module order; may return demo logins for the platform to create. */
  demo?: (demo: DemoContext) => Promise<{ accounts?: DemoAccountSpec[] } | void>;
}

/** A column of sealed values (`v1:`/`v2:` text, or a JSON object whose `sealed` field is), in a table whose key is `id`. */
export interface SealedColumn {
  table: string;
  column: string;
  /** The column holding the value's lookup hash (PiiCipher.lookupHash), recomputed when the key changes. */
  lookupHashColumn?: string;
  /** The column is jsonb and the sealed text is its `sealed` field. */
  json?: boolean;
}

export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
