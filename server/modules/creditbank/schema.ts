import { bigint, boolean, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const certificates = pgTable('certificates', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  kind: text('kind').notNull(),
  issuer: text('issuer').notNull(),
  occupation: text('occupation'),
  levels: text('levels').array().notNull(),
  ownerGroupId: ref('owner_group_id'),
  status: text('status').notNull().default('active'),
  guessed: boolean('guessed').notNull().default(false),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const competitions = pgTable('competitions', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  level: text('level').notNull(),
  organiser: text('organiser'),
  year: integer('year').notNull(),
  ownerGroupId: ref('owner_group_id'),
  status: text('status').notNull().default('active'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const certificateCourseMappings = pgTable('certificate_course_mappings', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  certificateId: ref('certificate_id').notNull(),
  minLevel: text('min_level').notNull(),
  courseId: ref('course_id').notNull(),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const conversionRuleSets = pgTable('conversion_rule_sets', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  clusterId: ref('cluster_id').notNull(),
  versionNo: integer('version_no').notNull(),
  rules: jsonb('rules').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  status: text('status').notNull().default('draft'),
  note: text('note'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  approvedBy: ref('approved_by'),
  approvedAt: at('approved_at'),
});

export const learningOutcomes = pgTable('learning_outcomes', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  studentId: ref('student_id').notNull(),
  kind: text('kind').notNull(),
  identityKey: text('identity_key').notNull(),
  certificateId: ref('certificate_id'),
  level: text('level'),
  certificateNo: text('certificate_no'),
  issuedOn: date('issued_on', { mode: 'string' }),
  competitionId: ref('competition_id'),
  prize: text('prize'),
  earnedCreditId: ref('earned_credit_id'),
  courseId: ref('course_id'),
  courseCredits: numeric('course_credits', { precision: 4, scale: 1, mode: 'number' }),
  intendedUse: text('intended_use').notNull().default('credit'),
  exemptCourseId: ref('exempt_course_id'),
  evidence: jsonb('evidence').notNull().default({}),
  source: text('source').notNull(),
  importBatchId: text('import_batch_id'),
  status: text('status').notNull().default('submitted'),
  submittedBy: ref('submitted_by'),
  submittedAt: at('submitted_at').notNull().defaultNow(),
  verifiedBy: ref('verified_by'),
  verifiedAt: at('verified_at'),
  decidedBy: ref('decided_by'),
  decidedAt: at('decided_at'),
  decisionNote: text('decision_note'),
  revision: integer('revision').notNull().default(1),
});

export const ledgerEntries = pgTable('ledger_entries', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  seq: ref('seq').notNull(),
  studentId: ref('student_id').notNull(),
  outcomeId: ref('outcome_id').notNull(),
  kind: text('kind').notNull(),
  category: text('category').notNull(),
  credits: numeric('credits', { precision: 5, scale: 1, mode: 'number' }).notNull(),
  exemptedCourseId: ref('exempted_course_id'),
  ruleSetId: ref('rule_set_id'),
  reason: text('reason'),
  actorUserId: ref('actor_user_id'),
  recordedAt: at('recorded_at').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const ledgerHeads = pgTable('ledger_heads', {
  institutionId: ref('institution_id').primaryKey(),
  seq: ref('seq').notNull(),
  hash: text('hash').notNull(),
});

export const certificateImportReviews = pgTable('certificate_import_reviews', {
  id: id(),
  institutionId: ref('institution_id').notNull(),
  importBatchId: text('import_batch_id'),
  rowNo: integer('row_no'),
  identityKey: text('identity_key').notNull(),
  certificateId: ref('certificate_id').notNull(),
  level: text('level').notNull(),
  certificateNo: text('certificate_no').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }),
  personName: text('person_name').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberMasked: text('id_number_masked').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
  reason: text('reason').notNull(),
  candidateStudentId: ref('candidate_student_id'),
  status: text('status').notNull().default('open'),
  outcomeId: ref('outcome_id'),
  resolvedBy: ref('resolved_by'),
  resolvedAt: at('resolved_at'),
  note: text('note'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
});

export const apprenticePathways = pgTable('apprentice_pathways', {
  clusterId: ref('cluster_id').primaryKey(),
  institutionId: ref('institution_id').notNull(),
  stages: jsonb('stages').notNull(),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
});

/** The credit bank's settings of an institution (migration 0022); without a row the defaults apply. */
export const creditbankSettings = pgTable('creditbank_settings', {
  institutionId: ref('institution_id').primaryKey(),
  fourEyes: boolean('four_eyes').notNull().default(true),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
  revision: integer('revision').notNull().default(1),
});

/** A printed credit transcript: the token of its QR code (hashed) and the credentials printed on it. */
export const creditTranscripts = pgTable('credit_transcripts', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: ref('institution_id').notNull(),
  studentId: ref('student_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  credentialIds: uuid('credential_ids').array().notNull(),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});
