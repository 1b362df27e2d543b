import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const credentialSigningKeys = pgTable('credential_signing_keys', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  institutionId: ref('institution_id').notNull(),
  keyNo: integer('key_no').notNull(),
  publicKeyMultibase: text('public_key_multibase').notNull(),
  privateKeySealed: text('private_key_sealed').notNull(),
  status: text('status').notNull().default('active'),
  createdAt: at('created_at').notNull().defaultNow(),
  retiredAt: at('retired_at'),
});

export const credentialStatusLists = pgTable('credential_status_lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: ref('institution_id').notNull(),
  purpose: text('purpose').notNull().default('revocation'),
  size: integer('size').notNull().default(131072),
  nextIndex: integer('next_index').notNull().default(0),
  startIndex: integer('start_index').notNull(),
  stride: integer('stride').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const issuedCredentials = pgTable('issued_credentials', {
  id: uuid('id').primaryKey(),
  institutionId: ref('institution_id').notNull(),
  studentId: ref('student_id').notNull(),
  outcomeId: ref('outcome_id').notNull(),
  statusListId: uuid('status_list_id').notNull(),
  statusIndex: integer('status_index').notNull(),
  signingKeyId: ref('signing_key_id').notNull(),
  credential: jsonb('credential').notNull(),
  issuedBy: ref('issued_by'),
  issuedAt: at('issued_at').notNull().defaultNow(),
});
