/**
 * The ledger (学分银行账本): grants and reversals, appended to one hash chain per institution by
 * `creditbank_append` (migration 0005), and checked by `creditbank_verify`. Both the hash and its
 * check are defined once, in SQL, so the writer and the verifier cannot drift apart.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import type { LedgerCategory } from './rules.ts';
import { ledgerEntries, ledgerHeads } from './schema.ts';
import { rowsOf } from '../../db/sql.ts';
import { round1 } from '../../platform/numbers.ts';

export interface NewLedgerEntry {
  student: number;
  outcome: number;
  kind: 'grant' | 'reversal';
  category: LedgerCategory;
  credits: number;
  exemptedCourse: number | null;
  ruleSet: number | null;
  reason: string | null;
  actor: number | null;
}

/** Appends entries in order, under the chain head's lock; returns each entry's id, seq and hash. */
export async function appendToLedger(
  tx: Db,
  institutionId: number,
  entries: NewLedgerEntry[],
): Promise<Array<{ id: number; seq: number; hash: string }>> {
  if (entries.length === 0) return [];
  const rows = rowsOf<{ entry_id: number | string; entry_seq: number | string; entry_hash: string }>(
    await tx.execute(sql`SELECT * FROM creditbank_append(${institutionId}, ${JSON.stringify(entries)}::jsonb)`),
  );
  return rows.map((row) => ({ id: Number(row.entry_id), seq: Number(row.entry_seq), hash: row.entry_hash }));
}

export type LedgerProblem = 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'head_mismatch';

export interface LedgerVerification {
  institutionId: number;
  intact: boolean;
  entries: number;
  headSeq: number;
  headHash: string | null;
  problems: Array<{ entryId: number | null; seq: number; problem: LedgerProblem }>;
  checkedAt: string;
  milliseconds: number;
}

/** Recomputes every hash and link of an institution's chain; names each entry that does not hold. */
export async function verifyLedger(db: Db, institutionId: number): Promise<LedgerVerification> {
  const started = performance.now();
  const problems = rowsOf<{ entry_id: number | string | null; entry_seq: number | string; problem: LedgerProblem }>(
    await db.execute(sql`SELECT * FROM creditbank_verify(${institutionId})`),
  ).map((row) => ({ entryId: row.entry_id === null ? null : Number(row.entry_id), seq: Number(row.entry_seq), problem: row.problem }));
  const [head] = await db.select().from(ledgerHeads).where(eq(ledgerHeads.institutionId, institutionId));
  const [count] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*) AS n FROM ledger_entries WHERE institution_id = ${institutionId}`),
  );
  return {
    institutionId,
    intact: problems.length === 0,
    entries: Number(count!.n),
    headSeq: head?.seq ?? 0,
    headHash: head?.hash ?? null,
    problems,
    checkedAt: new Date().toISOString(),
    milliseconds: Math.round(performance.now() - started),
  };
}

export interface Balances {
  course: number;
  certificate: number;
  competition: number;
  exemption: number;
  converted: number;
  total: number;
}

/** A student's balances per category: the sum of their grants and reversals. */
export async function balancesOf(db: Db, studentId: number): Promise<Balances> {
  const rows = await db
    .select({ category: ledgerEntries.category, credits: sql<number>`sum(${ledgerEntries.credits})::float8` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.studentId, studentId))
    .groupBy(ledgerEntries.category);
  const of = (category: LedgerCategory) => round1(Number(rows.find((row) => row.category === category)?.credits ?? 0));
  const balances = { course: of('course'), certificate: of('certificate'), competition: of('competition'), exemption: of('exemption') };
  const converted = round1(balances.certificate + balances.competition + balances.exemption);
  return { ...balances, converted, total: round1(converted + balances.course) };
}

/** A student's ledger entries, oldest first. */
export async function entriesOf(db: Db, studentId: number) {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.studentId, studentId)).orderBy(asc(ledgerEntries.seq));
}
