import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../modules/org/messages.ts';
import '../modules/courses/messages.ts';
import '../modules/creditbank/messages.ts';
import { countOf, messageCatalog, translate, type MessageKey } from './messages.ts';

const root = path.resolve(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });

describe('English messages read as English', () => {
  it('a count takes its noun in the singular for one and the plural otherwise', () => {
    expect(countOf(1, 'teacher', 'teachers')).toBe('1 teacher');
    expect(countOf(0, 'teacher', 'teachers')).toBe('0 teachers');
    expect(countOf(12000, 'student', 'students', (value) => value.toLocaleString('en-US'))).toBe('12,000 students');
    const key = 'creditbank.rules.invalid' as MessageKey;
    expect(translate(key, 'en', { count: 1, first: 'x' })).toBe('The conversion rules have 1 problem: x');
    expect(translate(key, 'en', { count: 3, first: 'x' })).toBe('The conversion rules have 3 problems: x');
    // The Chinese text is untouched by the English plural.
    expect(translate(key, 'zh-CN', { count: 3, first: 'x' })).not.toContain('problems');
  });

  it('no English message or text built in code says "(s)" for a plural', () => {
    const messages = messageCatalog()
      .filter(([, text]) => /\w\(s\)/.test(text.en.replace(/https?\(s\)|http\(s\)/g, '')))
      .map(([key]) => key);
    expect(messages).toEqual([]);
    const built = sources(root).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${path.relative(root, file)}:${index + 1}` }))
        .filter(({ line }) => /[a-z]\(s\)/.test(line.replace(/http\(s\)/g, '')) && !/^\s*(\/\/|\*)/.test(line))
        .map(({ at }) => at),
    );
    expect(built).toEqual([]);
  });

  it('no English message puts a bare {count} before a plural noun, and none uses full-width punctuation', () => {
    const bare = messageCatalog()
      .filter(([, text]) => /\{count\} [a-z]+s\b/.test(text.en))
      .map(([key, text]) => `${key}: ${text.en}`);
    expect(bare).toEqual([]);
    const fullWidth = messageCatalog()
      .filter(([, text]) => /[：，；。（）！？、]/.test(text.en))
      .map(([key, text]) => `${key}: ${text.en}`);
    expect(fullWidth).toEqual([]);
  });
});
