import { describe, expect, it } from 'vitest';
import { previousComparedUntil, previousPeriod, startOfDayInVietnam, vietnamDate } from '../../api/time.js';

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

describe('a running period is compared like for like', () => {
  const q4 = [vn('2026-10-01T00:00:00'), vn('2027-01-01T00:00:00')] as const;

  it('cuts the previous quarter at the same day and time three months earlier', () => {
    expect(previousComparedUntil(...q4, vn('2026-12-02T10:30:00'))).toEqual(vn('2026-09-02T10:30:00'));
  });

  it('ends at the end of a shorter month when the day does not exist there', () => {
    const q2 = [vn('2026-04-01T00:00:00'), vn('2026-07-01T00:00:00')] as const;
    expect(previousComparedUntil(...q2, vn('2026-05-31T08:00:00'))).toEqual(vn('2026-03-01T00:00:00'));
    const year = [vn('2026-01-01T00:00:00'), vn('2027-01-01T00:00:00')] as const;
    expect(previousComparedUntil(...year, vn('2026-02-03T00:00:00'))).toEqual(vn('2025-02-03T00:00:00'));
  });

  it('cuts a custom period after the same elapsed time', () => {
    expect(
      previousComparedUntil(vn('2026-03-10T00:00:00'), vn('2026-03-20T00:00:00'), vn('2026-03-12T06:00:00')),
    ).toEqual(vn('2026-03-02T06:00:00'));
  });

  it('compares a finished or future period whole', () => {
    expect(previousComparedUntil(...q4, vn('2027-01-05T00:00:00'))).toEqual(q4[0]);
    expect(previousComparedUntil(...q4, vn('2026-09-05T00:00:00'))).toEqual(q4[0]);
  });
});
