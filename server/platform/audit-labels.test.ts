import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../modules/org/messages.ts';
import '../modules/courses/messages.ts';
import '../modules/creditbank/messages.ts';
import { auditActionLabel, auditActionList } from './audit.ts';

const root = path.resolve(import.meta.dirname, '..');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(ts|sql)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });

/** The audit actions written in the code: `action: '…'` (with either branch of a ?:), and CASE … THEN '…' in SQL. */
function actionsInSource(): string[] {
  const found = new Set<string>();
  for (const file of files(root)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const literal = /action: (?:[^'`]*\? )?'([a-z_]+(?:\.[a-z_]+)+)'(?: : '([a-z_]+(?:\.[a-z_]+)+)')?/.exec(line);
      if (literal) for (const name of literal.slice(1)) if (name) found.add(name);
      if (file.endsWith('.sql') && /audit_log|THEN 'selection/.test(line))
        for (const match of line.matchAll(/'((?:selection|creditbank|course)\.[a-z_]+)'/g)) found.add(match[1]!);
    }
  }
  return [...found].sort();
}

describe('audit actions in words', () => {
  it('every action the code records has a name in both languages', () => {
    const inSource = actionsInSource();
    expect(inSource.length).toBeGreaterThan(50);
    // Actions built from a variable: each value the variable takes.
    const built = [
      ...['verify', 'grant', 'reject', 'reverse'].map((step) => `creditbank.claim.${step}`),
      ...['submit', 'withdraw', 'approve', 'reject', 'publish'].map((step) => `programme.${step}`),
      ...['publish', 'retire'].map((step) => `course.${step}`),
      ...['department', 'group', 'major', 'class', 'teacher', 'student'].flatMap((entity) => [
        `${entity}.import_create`,
        `${entity}.import_update`,
      ]),
    ];
    const unnamed = [...inSource, ...built].filter((action) => !auditActionLabel(action));
    expect(unnamed).toEqual([]);
    for (const { label } of auditActionList()) {
      expect(label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(label.en).toMatch(/^[A-Z]/);
    }
  });

  it('names only what exists: an unknown action has no name (the code is shown instead)', () => {
    expect(auditActionLabel('nothing.like.this')).toBeNull();
    expect(auditActionLabel('creditbank.claim.grant')).toEqual({ 'zh-CN': '认定学分', en: 'Grant credits' });
  });
});
