import { describe, expect, it } from 'vitest';
import { institutionDate } from './calendar.ts';

describe('institutionDate', () => {
  it('is already the next day in Beijing at 16:00 UTC and later', () => {
    expect(institutionDate(new Date('2026-09-01T15:59:59Z'))).toBe('2026-09-01');
    expect(institutionDate(new Date('2026-09-01T16:00:00Z'))).toBe('2026-09-02');
  });
  it('crosses the year boundary at Beijing midnight', () => {
    expect(institutionDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(institutionDate(new Date('2026-12-31T15:30:00Z'))).toBe('2026-12-31');
  });
});
