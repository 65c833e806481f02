import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingTimeBetween } from '../../api/cases/working-days.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const calendar = { workingWeekdays: new Set([1, 2, 3, 4, 5]), holidays: new Set(['2026-04-30', '2026-05-01']) };

describe('working days (Asia/Ho_Chi_Minh)', () => {
  it('skips weekends', () => {
    expect(addWorkingDays(calendar, vn('2026-06-26T16:00:00'), 1)).toEqual(vn('2026-06-29T16:00:00'));
    expect(addWorkingDays(calendar, vn('2026-06-27T09:00:00'), 1)).toEqual(vn('2026-06-29T09:00:00'));
  });

  it('skips holidays (30/4 and 1/5 fall on Thursday and Friday in 2026)', () => {
    expect(addWorkingDays(calendar, vn('2026-04-29T10:00:00'), 1)).toEqual(vn('2026-05-04T10:00:00'));
    expect(addWorkingDays(calendar, vn('2026-04-29T10:00:00'), 10)).toEqual(vn('2026-05-15T10:00:00'));
  });

  it('judges the day in Vietnamese time, not UTC', () => {
    // 23:30 UTC on Friday is already Saturday 06:30 in Hải Phòng.
    expect(isWorkingDay(calendar, new Date('2026-06-26T23:30:00Z'))).toBe(false);
    expect(isWorkingDay(calendar, new Date('2026-06-26T16:59:00Z'))).toBe(true);
  });

  it('counts zero days as now, and honours a six-day week', () => {
    expect(addWorkingDays(calendar, vn('2026-06-26T16:00:00'), 0)).toEqual(vn('2026-06-26T16:00:00'));
    const sixDays = { ...calendar, workingWeekdays: new Set([1, 2, 3, 4, 5, 6]) };
    expect(addWorkingDays(sixDays, vn('2026-06-26T16:00:00'), 1)).toEqual(vn('2026-06-27T16:00:00'));
  });

  it('measures the working time left to a deadline, weekends and holidays not counted', () => {
    const H = 3_600_000;
    // A deadline one working day after Friday 16:00 is Monday 16:00: 24 working hours away.
    const due = addWorkingDays(calendar, vn('2026-06-26T16:00:00'), 1);
    expect(workingTimeBetween(calendar, vn('2026-06-26T16:00:00'), due)).toBe(24 * H);
    // From Saturday noon only Monday's 16 hours remain; past the deadline the time is negative.
    expect(workingTimeBetween(calendar, vn('2026-06-27T12:00:00'), due)).toBe(16 * H);
    expect(workingTimeBetween(calendar, vn('2026-06-30T10:00:00'), due)).toBe(-18 * H);
    // Over the 30/4–1/5 holidays and the weekend: Wednesday 10:00 → Monday 10:00 is 24 hours.
    expect(workingTimeBetween(calendar, vn('2026-04-29T10:00:00'), vn('2026-05-04T10:00:00'))).toBe(24 * H);
  });
});
