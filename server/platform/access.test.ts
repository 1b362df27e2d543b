import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  authorize,
  authorizeInside,
  authorizeWithinInstitution,
  can,
  reachableWithin,
  ScopeTree,
  type Actor,
  type RoleGrant,
} from './access.ts';
import '../modules/org/policy.ts';
import '../modules/courses/policy.ts';

// alliance 1 → institutions 10, 20; 10 → cluster 100 → groups 1000, 1001; 1000 → majors 5000, 5001; 1001 → 5002; 20 → major 6000
const tree = new ScopeTree([
  { ref: { type: 'alliance', id: 1 }, parent: null },
  { ref: { type: 'institution', id: 10 }, parent: { type: 'alliance', id: 1 } },
  { ref: { type: 'institution', id: 20 }, parent: { type: 'alliance', id: 1 } },
  { ref: { type: 'cluster', id: 100 }, parent: { type: 'institution', id: 10 } },
  { ref: { type: 'group', id: 1000 }, parent: { type: 'cluster', id: 100 } },
  { ref: { type: 'group', id: 1001 }, parent: { type: 'cluster', id: 100 } },
  { ref: { type: 'major', id: 5000 }, parent: { type: 'group', id: 1000 } },
  { ref: { type: 'major', id: 5001 }, parent: { type: 'group', id: 1000 } },
  { ref: { type: 'major', id: 5002 }, parent: { type: 'group', id: 1001 } },
  { ref: { type: 'major', id: 6000 }, parent: { type: 'institution', id: 20 } },
]);

const actor = (...grants: RoleGrant[]): Actor => ({
  userId: 1,
  username: 'u',
  displayName: 'U',
  institutionId: 10,
  teacherId: null,
  studentId: null,
  grants,
});

describe('scope tree', () => {
  it('walks up to the alliance and down to majors', () => {
    expect(tree.chain({ type: 'major', id: 5000 }).map((n) => `${n.type}:${n.id}`)).toEqual([
      'major:5000',
      'group:1000',
      'cluster:100',
      'institution:10',
      'alliance:1',
    ]);
    expect(tree.descendants({ type: 'cluster', id: 100 }, 'major').sort()).toEqual([5000, 5001, 5002]);
    expect(tree.institutionOf({ type: 'group', id: 1001 })).toBe(10);
  });
});

describe('role and scope checks', () => {
  const groupLead = actor({ role: 'group_lead', type: 'group', id: 1000 });
  it('a grant covers its scope and everything below it, nothing beside or above', () => {
    expect(can(groupLead, 'group.write', { type: 'group', id: 1000 }, tree)).toBe(true);
    expect(can(groupLead, 'major.write', { type: 'major', id: 5001 }, tree)).toBe(true);
    expect(can(groupLead, 'group.write', { type: 'group', id: 1001 }, tree)).toBe(false);
    expect(can(groupLead, 'org.read', { type: 'cluster', id: 100 }, tree)).toBe(false);
  });
  it('a role without the action is refused whatever its scope', () => {
    const admin = actor({ role: 'student', type: 'alliance', id: 1 });
    expect(can(admin, 'people.read', { type: 'major', id: 5000 }, tree)).toBe(false);
    expect(() => authorize(admin, 'people.read', { type: 'major', id: 5000 }, tree)).toThrow(AppError);
  });
  it('distinguishes "no such role" from "not in your scope", and unauthenticated', () => {
    const roleError = (() => {
      try {
        authorize(groupLead, 'audit.read', { type: 'institution', id: 10 }, tree);
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(roleError?.messageKey).toBe('error.forbidden');
    const scopeError = (() => {
      try {
        authorize(groupLead, 'group.write', { type: 'group', id: 1001 }, tree);
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(scopeError?.messageKey).toBe('error.forbidden_scope');
    expect(() => authorize(null, 'org.read', { type: 'institution', id: 10 }, tree)).toThrow(expect.objectContaining({ status: 401 }));
  });
  it('lists reach: all for institution-wide grants, else the majors below the grants', () => {
    expect(reachableWithin(actor({ role: 'academic_affairs', type: 'institution', id: 10 }), 'people.read', 10, 'major', tree)).toBe('all');
    expect(reachableWithin(actor({ role: 'admin', type: 'alliance', id: 1 }), 'people.read', 20, 'major', tree)).toBe('all');
    expect((reachableWithin(groupLead, 'people.read', 10, 'major', tree) as number[]).sort()).toEqual([5000, 5001]);
    expect(() => reachableWithin(groupLead, 'people.read', 20, 'major', tree)).toThrow(expect.objectContaining({ status: 403 }));
  });
  it('reference data of an institution is readable with any grant inside it', () => {
    expect(() => authorizeWithinInstitution(groupLead, 'org.read', 10, tree)).not.toThrow();
    expect(() => authorizeWithinInstitution(groupLead, 'org.read', 20, tree)).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe('authorizeInside (things shared across a scope)', () => {
  const cluster = { type: 'cluster' as const, id: 100 };
  it('accepts a grant on the scope, above it, or on a group or major inside it', () => {
    expect(authorizeInside(actor({ role: 'teacher', type: 'group', id: 1001 }), 'course.read', cluster, tree).userId).toBe(1);
    expect(authorizeInside(actor({ role: 'major_lead', type: 'major', id: 5000 }), 'course.read', cluster, tree).userId).toBe(1);
    expect(authorizeInside(actor({ role: 'academic_affairs', type: 'institution', id: 10 }), 'course.read', cluster, tree).userId).toBe(1);
  });
  it('refuses a grant elsewhere, and a role without the action', () => {
    expect(() => authorizeInside(actor({ role: 'major_lead', type: 'major', id: 6000 }), 'course.read', cluster, tree)).toThrow(AppError);
    expect(() => authorizeInside(actor({ role: 'student', type: 'major', id: 5000 }), 'course.read', cluster, tree)).toThrow(AppError);
  });
});
