import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { changedFields } from './changes.ts';

describe('the fields an edit form changed', () => {
  it('sends only what changed, in the API’s terms', () => {
    const before = { name: '物流专业群', departmentId: 3 as number | null, industryChain: null as string | null, formedOn: null };
    expect(changedFields(before, { ...before })).toEqual({});
    expect(changedFields(before, { ...before, name: ' 智慧物流专业群 ' })).toEqual({ name: '智慧物流专业群' });
    expect(changedFields(before, { ...before, formedOn: dayjs('2026-09-01') as never })).toEqual({ formedOn: '2026-09-01' });
  });
  it('a cleared select (undefined) or blank text is null, and null to blank is no change', () => {
    const before = { departmentId: 3 as number | null | undefined, industryChain: null as string | null };
    expect(changedFields(before, { departmentId: undefined, industryChain: '  ' })).toEqual({ departmentId: null });
  });
  it('ignores fields the form does not have', () => {
    expect(changedFields({ name: 'a' }, { name: 'a', extra: 1 } as never)).toEqual({});
  });
});
