import { describe, expect, it } from 'vitest';
import { slaClock } from '../../web/src/cases/sla.js';

const due = '2026-06-30T10:00:00+07:00';

describe('the SLA clock of the case console', () => {
  it('splits working time into days and hours, and says how it stands', () => {
    expect(slaClock({ dueAt: due, overdue: false, workingMinutesLeft: 3 * 1440 + 125 })).toEqual({
      tone: 'ok',
      days: 3,
      hours: 2,
      underAnHour: false,
    });
    expect(slaClock({ dueAt: due, overdue: false, workingMinutesLeft: 300 })).toEqual({
      tone: 'soon',
      days: 0,
      hours: 5,
      underAnHour: false,
    });
    expect(slaClock({ dueAt: due, overdue: true, workingMinutesLeft: -(1440 + 60) })).toEqual({
      tone: 'overdue',
      days: 1,
      hours: 1,
      underAnHour: false,
    });
    expect(slaClock({ dueAt: due, overdue: true, workingMinutesLeft: -10 }).underAnHour).toBe(true);
    expect(slaClock({ dueAt: null, overdue: false, workingMinutesLeft: null }).tone).toBe('none');
  });
});
