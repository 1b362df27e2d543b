/** What the platform's own routes answer (auth, audit, imports, indicators); the OpenAPI document is built from these. */
import { z } from 'zod';
import { roles, scopeTypes } from './access.ts';
import { bilingual, isoTime } from './http.ts';

export const ok = z.object({ ok: z.literal(true) });
export const loginAnswer = z.object({ csrfToken: z.string(), expiresAt: z.string(), passwordChangeRequired: z.boolean() });

export const me = z.object({
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  institutionId: z.number().nullable(),
  teacherId: z.number().nullable(),
  studentId: z.number().nullable(),
  grants: z.array(z.object({ role: z.enum(roles), type: z.enum(scopeTypes), id: z.number() })),
  csrfToken: z.string().nullable(),
  actions: z.array(z.string()),
  /** For administrators: accounts that still have the published demo password (0 for everyone else). */
  demoPasswordAccounts: z.number(),
  /** Signed in with an activation code: a password must be chosen before anything else. */
  passwordChangeRequired: z.boolean(),
});

const bilingualText = z.object({ 'zh-CN': z.string(), en: z.string() });

export const auditPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      at: isoTime,
      actorUserId: z.number().nullable(),
      actorName: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      institutionId: z.number().nullable(),
      summary: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
      ip: z.string().nullable(),
      requestId: z.string().nullable(),
      /** The action and the object in words, in both languages (the codes stay beside them). */
      actionLabel: bilingualText.nullable(),
      entityLabel: bilingualText,
    }),
  ),
  total: z.number(),
  nextBeforeId: z.number().nullable(),
});

export const auditActions = z.array(z.object({ action: z.string(), label: bilingualText }));

export const importEntities = z.array(
  z.object({
    entity: z.string(),
    title: bilingual,
    keyColumn: z.string(),
    columns: z.array(
      z.object({
        key: z.string(),
        header: bilingual,
        required: z.boolean(),
        kind: z.enum(['text', 'integer', 'choice', 'boolean']),
        example: z.string(),
      }),
    ),
  }),
);

const importSummary = z.object({
  total: z.number(),
  valid: z.number(),
  invalid: z.number(),
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  notes: z.array(z.object({ key: z.string(), label: bilingual, count: z.number() })).optional(),
  columns: z.array(z.string()).optional(),
  ignoredHeaders: z.array(z.string()).optional(),
  changedRows: z.number().optional(),
});
export const importBatch = z.object({
  id: z.string(),
  entity: z.string(),
  status: z.enum(['previewed', 'committed']),
  fileName: z.string().nullable(),
  summary: importSummary,
  errors: z.array(z.object({ row: z.number(), column: z.string().nullable(), columnLabel: z.string().nullable(), reason: z.string() })),
  createdAt: isoTime,
  committedAt: isoTime.nullable(),
});
const shownValue = z.union([z.string(), z.number(), z.null()]);
export const importChanges = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      row: z.number(),
      key: z.string(),
      fields: z.array(z.object({ column: z.string(), columnLabel: z.string(), before: shownValue, after: shownValue })),
    }),
  ),
});
export const importCommitted = z.object({ id: z.string(), entity: z.string(), status: z.literal('committed'), summary: importSummary });

const comparison = z.enum(['>=', '<=']);
const unitType = z.enum(['cluster', 'group', 'major', 'teacher']);
const bands = z.object({ yellow: z.number(), orange: z.number() });

export const indicatorList = z.array(
  z.object({
    key: z.string(),
    module: z.string(),
    name: bilingual,
    dimension: z.string(),
    dimensionName: bilingual,
    unit: z.enum(['ratio', 'count', 'credits', 'items']),
    unitTypes: z.array(unitType),
    monitoringSource: bilingual,
    defaultTarget: z.number(),
    comparison,
    definition: bilingual,
    computable: z.boolean(),
  }),
);
export const indicatorTargets = z.array(
  z.object({
    indicatorKey: z.string(),
    target: z.number(),
    comparison,
    bands,
    isDefault: z.boolean(),
    updatedAt: isoTime.nullable(),
  }),
);
export const indicatorTarget = z.object({
  id: z.number(),
  institutionId: z.number(),
  clusterId: z.number(),
  period: z.string(),
  indicatorKey: z.string(),
  target: z.number(),
  comparison,
  bands,
  updatedBy: z.number().nullable(),
  updatedAt: isoTime,
});
export const measurement = z.object({
  id: z.number(),
  institutionId: z.number(),
  indicatorKey: z.string(),
  unitType,
  unitId: z.number(),
  period: z.string(),
  value: z.number(),
  inputs: z.record(z.string(), z.unknown()),
  target: z.number().nullable(),
  comparison: comparison.nullable(),
  level: z.enum(['met', 'yellow', 'orange', 'red']).nullable(),
  computedBy: z.number().nullable(),
  computedAt: isoTime,
});
export const recomputation = z.object({
  clusterId: z.number(),
  period: z.string(),
  measurements: z.array(measurement),
  failed: z.array(z.object({ indicatorKey: z.string(), error: z.string() })),
});
