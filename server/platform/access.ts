import { forbidden, forbiddenScope, unauthenticated } from './errors.ts';

export const roles = [
  'admin',
  'academic_affairs',
  'advisory_member',
  'group_lead',
  'major_lead',
  'lab_manager',
  'teacher',
  'supervisor',
  'student',
  'enterprise_partner',
  'evaluator',
] as const;
export type Role = (typeof roles)[number];

export const scopeTypes = ['alliance', 'institution', 'cluster', 'group', 'major'] as const;
export type ScopeType = (typeof scopeTypes)[number];

export interface ScopeRef {
  type: ScopeType;
  id: number;
}

export interface RoleGrant extends ScopeRef {
  role: Role;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  institutionId: number | null;
  teacherId: number | null;
  studentId: number | null;
  grants: RoleGrant[];
}

/** Every role except the student: staff and partners who read shared, non-personal data. */
export const staffRoles: readonly Role[] = [
  'admin',
  'academic_affairs',
  'advisory_member',
  'group_lead',
  'major_lead',
  'lab_manager',
  'teacher',
  'supervisor',
  'evaluator',
  'enterprise_partner',
];

export type PolicyTable = Record<string, readonly Role[]>;

/** The platform's own actions; each module adds its own with `definePolicy` in its policy.ts. */
const platformPolicy = {
  'import.run': ['admin', 'academic_affairs'],
  /** Reading or committing an import batch someone else uploaded. */
  'import.any_batch': ['admin'],
  'audit.read': ['admin'],
  'indicator.read': ['admin', 'academic_affairs', 'advisory_member', 'group_lead', 'major_lead', 'supervisor', 'evaluator'],
  'indicator.configure': ['admin', 'academic_affairs', 'advisory_member'],
  'indicator.compute': ['admin', 'academic_affairs'],
  'users.manage': ['admin'],
  /** Accounts for the students and teachers of a roster (学号 / 工号), with activation sheets. */
  'accounts.provision': ['admin', 'academic_affairs'],
  'jobs.manage': ['admin'],
  'notifications.manage': ['admin'],
  /** 统一身份认证: an institution's identity providers and whether its people may still sign in with a password. */
  'sso.manage': ['admin'],
} as const satisfies PolicyTable;

/**
 * Every action: the platform's, and each module's (its policy.ts adds them with
 * `declare module '…/platform/access.ts' { interface PolicyCatalog extends Record<keyof typeof table, true> {} }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PolicyCatalog extends Record<keyof typeof platformPolicy, true> {}
export type Action = keyof PolicyCatalog & string;

const policy = new Map<string, readonly Role[]>(Object.entries(platformPolicy));

/** Adds a module's actions (at import of its policy.ts); an action defined twice is a bug. */
export function definePolicy<const T extends PolicyTable>(table: T): T {
  for (const [action, holders] of Object.entries(table)) {
    const existing = policy.get(action);
    if (existing && existing !== holders) throw new Error(`Action ${action} is defined twice`);
    policy.set(action, holders);
  }
  return table;
}

/** The roles that hold an action. An action no loaded module defines is held by nobody. */
export function rolesHolding(action: Action): readonly Role[] {
  return policy.get(action) ?? [];
}

/** Every action with the roles that hold it (for `/api/auth/me` and the permission tests). */
export function policyTable(): Array<[Action, readonly Role[]]> {
  return [...policy] as Array<[Action, readonly Role[]]>;
}

const nodeKey = (ref: ScopeRef) => `${ref.type}:${ref.id}`;

/**
 * The organisation as a tree of scopes: alliance → institution → cluster → group → major. An institution
 * may belong to several alliances (行业产教融合共同体 and 市域产教联合体 alike), so a scope can have more
 * than one parent; everything below an institution has exactly one.
 */
export class ScopeTree {
  private readonly parents = new Map<string, ScopeRef[]>();
  private readonly children = new Map<string, ScopeRef[]>();

  constructor(nodes: Array<{ ref: ScopeRef; parent: ScopeRef | null }>) {
    for (const { ref, parent } of nodes) {
      const known = this.parents.get(nodeKey(ref)) ?? [];
      if (parent && !known.some((entry) => nodeKey(entry) === nodeKey(parent))) known.push(parent);
      this.parents.set(nodeKey(ref), known);
      if (parent) {
        const siblings = this.children.get(nodeKey(parent)) ?? [];
        siblings.push(ref);
        this.children.set(nodeKey(parent), siblings);
      }
    }
  }

  has(ref: ScopeRef): boolean {
    return this.parents.has(nodeKey(ref));
  }

  /** The scope itself followed by every ancestor, nearest first (up to each alliance it belongs to). */
  chain(ref: ScopeRef): ScopeRef[] {
    const result: ScopeRef[] = [];
    const seen = new Set<string>();
    const queue: ScopeRef[] = [ref];
    while (queue.length > 0 && result.length < 50) {
      const current = queue.shift()!;
      if (seen.has(nodeKey(current))) continue;
      seen.add(nodeKey(current));
      result.push(current);
      queue.push(...(this.parents.get(nodeKey(current)) ?? []));
    }
    return result;
  }

  /** Every scope of a type, across institutions (the scheduler's jobs walk them). */
  ofType(type: ScopeType): number[] {
    return [...this.parents.keys()].filter((key) => key.startsWith(`${type}:`)).map((key) => Number(key.slice(type.length + 1)));
  }

  institutionOf(ref: ScopeRef): number | null {
    return this.chain(ref).find((node) => node.type === 'institution')?.id ?? null;
  }

  /** Every descendant of a scope of the given type (the scope itself if it has that type). */
  descendants(ref: ScopeRef, type: ScopeType): number[] {
    const found: number[] = [];
    const stack = [ref];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === type) found.push(node.id);
      stack.push(...(this.children.get(nodeKey(node)) ?? []));
    }
    return found;
  }
}

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

function grantsFor(actor: Actor, action: Action): RoleGrant[] {
  const allowed = rolesHolding(action);
  return actor.grants.filter((grant) => allowed.includes(grant.role));
}

export function can(actor: Actor, action: Action, target: ScopeRef, tree: ScopeTree): boolean {
  const grants = grantsFor(actor, action);
  if (grants.length === 0) return false;
  const chain = tree.chain(target);
  return grants.some((grant) => chain.some((node) => node.type === grant.type && node.id === grant.id));
}

/** Throws 403 unless one of the actor's grants for the action covers the target scope. */
export function authorize(actor: Actor | null | undefined, action: Action, target: ScopeRef, tree: ScopeTree): Actor {
  const who = requireActor(actor);
  if (grantsFor(who, action).length === 0) throw forbidden();
  if (!can(who, action, target, tree)) throw forbiddenScope();
  return who;
}

/** A student's own record, or staff holding `action` on the student's major; any other student is refused. */
export function authorizeStudentRecord(
  actor: Actor | null | undefined,
  action: Action,
  student: { id: number; majorId: number },
  tree: ScopeTree,
): Actor {
  const who = requireActor(actor);
  if (who.studentId === student.id) return who;
  if (who.studentId) throw forbidden();
  return authorize(who, action, { type: 'major', id: student.majorId }, tree);
}

/** True when the actor holds the action on any scope at all (for menus and unscoped lists). */
export function holdsAnywhere(actor: Actor, action: Action): boolean {
  return grantsFor(actor, action).length > 0;
}

/**
 * For an institution's reference data (departments, terms): any grant for the action inside the
 * institution, or above it, is enough.
 */
export function authorizeWithinInstitution(actor: Actor | null | undefined, action: Action, institutionId: number, tree: ScopeTree): Actor {
  const who = requireActor(actor);
  const grants = grantsFor(who, action);
  if (grants.length === 0) throw forbidden();
  const inside =
    grants.some((grant) => tree.institutionOf(grant) === institutionId) ||
    can(who, action, { type: 'institution', id: institutionId }, tree);
  if (!inside) throw forbiddenScope();
  return who;
}

/**
 * For things shared across a scope (a cluster's course pool and rules): a grant for the action on the
 * scope, above it, or on any scope inside it is enough.
 */
export function authorizeInside(actor: Actor | null | undefined, action: Action, ref: ScopeRef, tree: ScopeTree): Actor {
  const who = requireActor(actor);
  const inside =
    can(who, action, ref, tree) ||
    (['group', 'major'] as const).some((type) => tree.descendants(ref, type).some((id) => can(who, action, { type, id }, tree)));
  return inside ? who : authorize(who, action, ref, tree);
}

/**
 * For lists inside one institution: 'all' when a grant covers the whole institution, otherwise the
 * ids of the scopes of `type` that the actor's grants reach (possibly none).
 */
export function reachableWithin(actor: Actor, action: Action, institutionId: number, type: ScopeType, tree: ScopeTree): 'all' | number[] {
  if (grantsFor(actor, action).length === 0) throw forbidden();
  const reached = scopesReachedWithin(actor, action, institutionId, type, tree);
  if (reached !== 'all' && reached.length === 0) throw forbiddenScope();
  return reached;
}

/** As `reachableWithin`, but answers an empty list instead of refusing. */
export function scopesReachedWithin(
  actor: Actor,
  action: Action,
  institutionId: number,
  type: ScopeType,
  tree: ScopeTree,
): 'all' | number[] {
  const institution: ScopeRef = { type: 'institution', id: institutionId };
  if (can(actor, action, institution, tree)) return 'all';
  const ids = new Set<number>();
  for (const grant of grantsFor(actor, action)) {
    if (tree.institutionOf(grant) !== institutionId) continue;
    for (const id of tree.descendants(grant, type)) ids.add(id);
  }
  return [...ids];
}

/**
 * The institutions whose records an action reaches: those under an alliance grant (which also reaches
 * records that belong to no institution) and the institution of every other grant.
 */
export function institutionsReached(actor: Actor, action: Action, tree: ScopeTree): { institutionIds: number[]; unattached: boolean } {
  const grants = grantsFor(actor, action);
  if (grants.length === 0) throw forbidden();
  const ids = new Set<number>();
  let unattached = false;
  for (const grant of grants) {
    if (grant.type === 'alliance') {
      unattached = true;
      for (const id of tree.descendants(grant, 'institution')) ids.add(id);
    } else {
      const institutionId = tree.institutionOf(grant);
      if (institutionId !== null) ids.add(institutionId);
    }
  }
  return { institutionIds: [...ids], unattached };
}
