import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

describe('web UI messages', () => {
  const zh = new Map(leaves(zhCN));
  const english = new Map(leaves(en));

  it('zh-CN and en have the same keys', () => {
    expect(zh.size).toBeGreaterThan(100);
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('every message is a non-empty string with the same placeholders in both languages', () => {
    for (const [key, text] of zh) {
      const other = english.get(key);
      expect(typeof text, key).toBe('string');
      expect(typeof other, key).toBe('string');
      expect((text as string).trim().length, key).toBeGreaterThan(0);
      expect((other as string).trim().length, key).toBeGreaterThan(0);
      expect(placeholders(other as string), key).toEqual(placeholders(text as string));
    }
  });
});
