import { describe, expect, it } from 'vitest';
import { webModules } from '../modules.ts';
import enShell from './en.json';
import { mergeMessages } from './merge.ts';
import zhShell from './zh-CN.json';

// The shell's messages merged with every module's, as the app loads them.
const zhCN = mergeMessages([zhShell, ...webModules.flatMap((module) => (module.messages ? [module.messages['zh-CN']] : []))]);
const en = mergeMessages([enShell, ...webModules.flatMap((module) => (module.messages ? [module.messages.en] : []))]);

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

  // English adds the singular of a counted message as `key_one` (i18next plurals; `key` is the plural).
  const singular = (key: string) => key.endsWith('_one') && (english.has(key.slice(0, -4)) || english.has(`${key.slice(0, -4)}_other`));

  it('zh-CN and en have the same keys (English adds singulars)', () => {
    expect(zh.size).toBeGreaterThan(100);
    expect([...english.keys()].filter((key) => !singular(key)).sort()).toEqual([...zh.keys()].filter((key) => !singular(key)).sort());
  });

  it('English counts have a singular, say no "(s)" and use half-width punctuation', () => {
    const bareCounts = [...english]
      .filter(
        ([key, text]) =>
          !singular(key) && /\{\{\s*count\s*\}\}\s+[a-z]+s\b/.test(String(text)) && !english.has(`${key.replace(/_other$/, '')}_one`),
      )
      .map(([key]) => key);
    expect(bareCounts).toEqual([]);
    const optionalPlural = [...english].filter(([, text]) => /[a-z]\(s\)/.test(String(text).replace(/http\(s\)/g, ''))).map(([key]) => key);
    expect(optionalPlural).toEqual([]);
    const fullWidth = [...english].filter(([, text]) => /[：，；。（）！？、]/.test(String(text))).map(([key]) => key);
    expect(fullWidth).toEqual([]);
  });

  it('every message is a non-empty string with the same placeholders in both languages', () => {
    for (const [key, text] of zh) {
      const other = english.get(key);
      const one = english.get(`${key}_one`);
      // The singular may leave the count out ("This course …"), but adds no placeholder of its own.
      if (one !== undefined)
        for (const name of placeholders(one as string)) expect(placeholders(text as string), `${key}_one`).toContain(name);
      expect(typeof text, key).toBe('string');
      expect(typeof other, key).toBe('string');
      expect((text as string).trim().length, key).toBeGreaterThan(0);
      expect((other as string).trim().length, key).toBeGreaterThan(0);
      expect(placeholders(other as string), key).toEqual(placeholders(text as string));
    }
  });

  it('every menu entry and group of every module has a label in both languages', () => {
    const labels = webModules.flatMap((module) => [...(module.menu ?? []), ...(module.menuGroups ?? [])].map((entry) => entry.label));
    expect(labels.length).toBeGreaterThan(20);
    for (const label of labels) {
      expect(zh.get(label), label).toBeTruthy();
      expect(english.get(label), label).toBeTruthy();
    }
  });

  it('two modules cannot define the same message', () => {
    expect(() => mergeMessages([{ a: { b: '1' } }, { a: { b: '2' } }])).toThrow('UI message a.b is defined twice');
    expect(mergeMessages([{ a: { b: '1' } }, { a: { c: '2' } }])).toEqual({ a: { b: '1', c: '2' } });
  });
});
