import type { UnitType } from './indicators/registry.ts';
import type { Comparison, ThresholdBands, WarningLevel } from './indicators/rules.ts';
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  institutionId: ref('institution_id'),
  teacherId: ref('teacher_id'),
  studentId: ref('student_id'),
  enterpriseContactId: ref('enterprise_contact_id'),
  locale: text('locale').notNull().default('zh-CN'),
  email: text('email'),
  disabled: boolean('disabled').notNull().default(false),
  failedLoginCount: integer('failed_login_count').notNull().default(0),
  lockedUntil: stamp('locked_until'),
  passwordChangedAt: stamp('password_changed_at').notNull().defaultNow(),
  /** Still the published demo password (admins are warned while any such account exists). */
  demoPassword: boolean('demo_password').notNull().default(false),
  /** No password yet: the account signs in once with its activation code and must then choose one. */
  activationPending: boolean('activation_pending').notNull().default(false),
  createdBy: ref('created_by'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

/** One-time activation codes: only their hash is kept; a new code replaces the old one. */
export const activationCodes = pgTable('activation_codes', {
  userId: ref('user_id').primaryKey(),
  codeHash: text('code_hash').notNull(),
  delivery: text('delivery').$type<'sheet' | 'screen' | 'email'>().notNull(),
  expiresAt: stamp('expires_at').notNull(),
  issuedBy: ref('issued_by'),
  issuedAt: stamp('issued_at').notNull().defaultNow(),
});

export const roleGrants = pgTable('role_grants', {
  id: id(),
  userId: ref('user_id').notNull(),
  role: text('role').notNull(),
  scopeType: text('scope_type').notNull(),
  scopeId: ref('scope_id').notNull(),
  institutionId: ref('institution_id'),
  grantedBy: ref('granted_by'),
  grantedAt: stamp('granted_at').notNull().defaultNow(),
  /** Optional validity (inclusive dates, Beijing calendar): outside it the grant gives nothing. */
  validFrom: date('valid_from'),
  validUntil: date('valid_until'),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: ref('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  expiresAt: stamp('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
  /** Opened with an activation code: nothing but choosing a password until one is chosen. */
  passwordChangeRequired: boolean('password_change_required').notNull().default(false),
  /** Opened through an identity provider (统一身份认证): which one, its reference to the sign-in, the ID token for logout. */
  identityProviderId: ref('identity_provider_id'),
  ssoSession: text('sso_session'),
  idToken: text('id_token'),
});

export const identityProviders = pgTable('identity_providers', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  protocol: text('protocol').$type<'oidc' | 'cas'>().notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  issuer: text('issuer'),
  clientId: text('client_id'),
  clientSecretSealed: text('client_secret_sealed'),
  scopes: text('scopes').notNull().default('openid profile'),
  casUrl: text('cas_url'),
  accountClaim: text('account_claim').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: ref('created_by'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const ssoLogins = pgTable('sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  providerId: ref('provider_id').notNull(),
  codeVerifier: text('code_verifier'),
  nonce: text('nonce'),
  returnTo: text('return_to').notNull().default('/'),
  expiresAt: stamp('expires_at').notNull(),
});

export const signInSettings = pgTable('sign_in_settings', {
  institutionId: ref('institution_id').primaryKey(),
  localLogin: boolean('local_login').notNull().default(true),
  updatedBy: ref('updated_by'),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const loginFailures = pgTable(
  'login_failures',
  {
    account: text('account').notNull(),
    address: text('address').notNull(),
    failures: integer('failures').notNull(),
    lastFailedAt: stamp('last_failed_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.account, table.address] })],
);

export const authChanges = pgTable('auth_changes', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: ref('user_id'),
  tokenHash: text('token_hash'),
  at: stamp('at').notNull().defaultNow(),
});

export const auditLog = pgTable('audit_log', {
  id: id(),
  at: stamp('at').notNull().defaultNow(),
  actorUserId: ref('actor_user_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  institutionId: ref('institution_id'),
  summary: text('summary'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
  requestId: text('request_id'),
});

export const importBatches = pgTable('import_batches', {
  id: text('id').primaryKey(),
  institutionId: ref('institution_id').notNull(),
  entity: text('entity').notNull(),
  fileName: text('file_name'),
  fileSha256: text('file_sha256').notNull(),
  status: text('status').$type<'previewed' | 'committed'>().notNull().default('previewed'),
  rowCount: integer('row_count').notNull(),
  rows: jsonb('rows').notNull(),
  errors: jsonb('errors').notNull(),
  summary: jsonb('summary').notNull(),
  /** Field by field, old → new, for each row the commit would update (personal data masked). */
  changes: jsonb('changes').notNull().default([]),
  /** Key → digest of what the commit would do to that row; the commit refuses when one moved. */
  planDigests: jsonb('plan_digests').notNull().default({}),
  createdBy: ref('created_by').notNull(),
  createdAt: stamp('created_at').notNull().defaultNow(),
  committedAt: stamp('committed_at'),
  expiresAt: stamp('expires_at')
    .notNull()
    .default(sql`now() + interval '7 days'`),
});

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStartedAt: stamp('window_started_at').notNull(),
  hits: integer('hits').notNull(),
});

export const indicators = pgTable('indicators', {
  key: text('key').primaryKey(),
  module: text('module').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  dimension: text('dimension').notNull(),
  unit: text('unit').notNull(),
  unitTypes: text('unit_types').array().notNull(),
  monitoringSource: text('monitoring_source').notNull(),
  defaultTarget: numeric('default_target', { mode: 'number' }).notNull(),
  defaultComparison: text('default_comparison').notNull(),
  definitionZh: text('definition_zh').notNull(),
  definitionEn: text('definition_en').notNull(),
  computable: boolean('computable').notNull(),
  registeredAt: stamp('registered_at').notNull().defaultNow(),
});

export const indicatorTargets = pgTable('indicator_targets', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  period: text('period').notNull(),
  indicatorKey: text('indicator_key').notNull(),
  target: numeric('target', { mode: 'number' }).notNull(),
  comparison: text('comparison').$type<Comparison>().notNull(),
  bands: jsonb('bands').$type<ThresholdBands>().notNull(),
  updatedBy: ref('updated_by'),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const measurements = pgTable('measurements', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  indicatorKey: text('indicator_key').notNull(),
  unitType: text('unit_type').$type<UnitType>().notNull(),
  unitId: ref('unit_id').notNull(),
  period: text('period').notNull(),
  value: numeric('value', { mode: 'number' }).notNull(),
  inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
  target: numeric('target', { mode: 'number' }),
  comparison: text('comparison').$type<Comparison>(),
  level: text('level').$type<WarningLevel>(),
  computedBy: ref('computed_by'),
  computedAt: stamp('computed_at').notNull().defaultNow(),
});

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

export const domainEvents = pgTable('domain_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  institutionId: bigint('institution_id', { mode: 'number' }).notNull(),
  type: text('type').notNull(),
  aggregate: text('aggregate').notNull(),
  aggregateId: text('aggregate_id').notNull(),
  dedupeKey: text('dedupe_key').notNull().unique(),
  payload: jsonb('payload').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
});

export const jobs = pgTable('jobs', {
  name: text('name').primaryKey(),
  module: text('module').notNull(),
  schedule: text('schedule').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  nextRunAt: stamp('next_run_at').notNull(),
  dueAt: stamp('due_at'),
  attempt: integer('attempt').notNull().default(0),
  leaseOwner: text('lease_owner'),
  leaseUntil: stamp('lease_until'),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const jobRuns = pgTable('job_runs', {
  id: id(),
  job: text('job').notNull(),
  dueAt: stamp('due_at').notNull(),
  attempt: integer('attempt').notNull(),
  trigger: text('trigger').notNull(),
  owner: text('owner').notNull(),
  requestedBy: ref('requested_by'),
  startedAt: stamp('started_at').notNull().defaultNow(),
  finishedAt: stamp('finished_at'),
  durationMs: integer('duration_ms'),
  status: text('status').notNull().default('running'),
  result: jsonb('result'),
  error: text('error'),
});

export const eventConsumptions = pgTable(
  'event_consumptions',
  {
    consumer: text('consumer').notNull(),
    eventId: ref('event_id').notNull(),
    consumedAt: stamp('consumed_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.consumer, table.eventId] })],
);

export const notifications = pgTable('notifications', {
  id: id(),
  institutionId: ref('institution_id'),
  kind: text('kind').notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  link: text('link'),
  payload: jsonb('payload').notNull(),
  recipients: jsonb('recipients').notNull(),
  scopeType: text('scope_type'),
  scopeId: ref('scope_id'),
  recipientCount: integer('recipient_count').notNull().default(0),
  createdBy: ref('created_by'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

export const notificationInbox = pgTable('notification_inbox', {
  id: id(),
  notificationId: ref('notification_id').notNull(),
  userId: ref('user_id').notNull(),
  readAt: stamp('read_at'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

export const notificationChannels = pgTable('notification_channels', {
  id: id(),
  institutionId: ref('institution_id'),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  config: jsonb('config').notNull(),
  secretSealed: text('secret_sealed'),
  webhookSealed: text('webhook_sealed'),
  scopeType: text('scope_type'),
  scopeId: ref('scope_id'),
  kinds: text('kinds').array().notNull().default([]),
  createdBy: ref('created_by'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const notificationDeliveries = pgTable('notification_deliveries', {
  id: id(),
  notificationId: ref('notification_id').notNull(),
  channel: text('channel').notNull(),
  channelId: ref('channel_id').notNull(),
  userId: ref('user_id'),
  address: text('address'),
  locale: text('locale').notNull().default('zh-CN'),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: stamp('next_attempt_at').notNull().defaultNow(),
  lockedUntil: stamp('locked_until'),
  deferredReason: text('deferred_reason'),
  lastError: text('last_error'),
  /** Send-only kinds: the recipient's params, sealed for this row until the mail is sent or given up, then NULL. */
  sealedParams: text('sealed_params'),
  sentAt: stamp('sent_at'),
  createdAt: stamp('created_at').notNull().defaultNow(),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const notificationPreferences = pgTable('notification_preferences', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey(),
  emailKinds: jsonb('email_kinds').notNull().default({}),
  quietStart: smallint('quiet_start'),
  quietEnd: smallint('quiet_end'),
  updatedAt: stamp('updated_at').notNull().defaultNow(),
});

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: ref('institution_id'),
  purpose: text('purpose').notNull(),
  sha256: text('sha256').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  contentType: text('content_type').notNull(),
  fileName: text('file_name').notNull(),
  ownerType: text('owner_type'),
  ownerId: ref('owner_id'),
  uploadedBy: ref('uploaded_by').notNull(),
  uploadedAt: stamp('uploaded_at').notNull().defaultNow(),
  linkedAt: stamp('linked_at'),
});
