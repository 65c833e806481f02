import { describe, expect, it } from 'vitest';
import { previousPeriod, startOfDayInVietnam, vietnamDate } from '../../api/time.js';

const vn = (s: string) => new Date(`${s}+07:00`);

describe('Vietnamese calendar', () => {
  it('puts 23:30 UTC on the next Vietnamese day', () => {
    expect(vietnamDate(new Date('2026-01-31T17:30:00Z'))).toBe('2026-02-01');
    expect(startOfDayInVietnam(new Date('2026-01-31T17:30:00Z')).toISOString()).toBe('2026-01-31T17:00:00.000Z');
  });

  it('compares a quarter, a half-year, a year and a month with the same calendar span before', () => {
    expect(previousPeriod(vn('2026-04-01T00:00:00'), vn('2026-07-01T00:00:00'))).toEqual(vn('2026-01-01T00:00:00'));
    expect(previousPeriod(vn('2026-07-01T00:00:00'), vn('2027-01-01T00:00:00'))).toEqual(vn('2026-01-01T00:00:00'));
    expect(previousPeriod(vn('2026-01-01T00:00:00'), vn('2027-01-01T00:00:00'))).toEqual(vn('2025-01-01T00:00:00'));
    expect(previousPeriod(vn('2026-03-01T00:00:00'), vn('2026-04-01T00:00:00'))).toEqual(vn('2026-02-01T00:00:00'));
  });

  it('uses the same length for a custom period', () => {
    expect(previousPeriod(vn('2026-03-10T00:00:00'), vn('2026-03-20T00:00:00'))).toEqual(vn('2026-02-28T00:00:00'));
  });
});
