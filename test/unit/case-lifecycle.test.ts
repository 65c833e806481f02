import { describe, expect, it } from 'vitest';
import {
  availableSteps,
  concludedOnTime,
  currentDeadline,
  HANDLER_TURN,
  handlingUnit,
  refusal,
} from '../../api/cases/case-lifecycle.js';
import { CaseHandler, CaseStatus } from '../../api/cases/case.enums.js';

const at = (iso: string) => new Date(iso);
const deadlines = {
  acknowledgeDueAt: at('2026-06-25T10:00:00+07:00'),
  concludeDueAt: at('2026-07-08T10:00:00+07:00'),
  answerDueAt: at('2026-07-03T10:00:00+07:00'),
};

describe('the case lifecycle table', () => {
  it('offers the handlers and the enterprise the steps each status allows', () => {
    const steps = (status: CaseStatus, escalated = false, party: 'HANDLER' | 'ENTERPRISE' = 'HANDLER') =>
      availableSteps({ status, escalatedAt: escalated ? new Date() : null }, party);
    expect(steps(CaseStatus.OPEN)).toEqual(['ACKNOWLEDGE', 'ASSIGN', 'REASSIGN', 'ESCALATE', 'NOTE']);
    expect(steps(CaseStatus.VERIFYING, true)).toEqual(['CONCLUDE', 'ASSIGN', 'REASSIGN', 'NOTE']);
    expect(steps(CaseStatus.CONCLUDED)).toEqual([
      'CORRECT_FINDING',
      'ANSWER',
      'ASSIGN',
      'REASSIGN',
      'ESCALATE',
      'NOTE',
    ]);
    expect(steps(CaseStatus.ANSWERED)).toEqual(['CORRECT_FINDING', 'ASSIGN', 'REASSIGN', 'NOTE']);
    expect(steps(CaseStatus.ANSWERED, false, 'ENTERPRISE')).toEqual(['ACCEPT', 'REOPEN']);
    expect(steps(CaseStatus.VERIFYING, false, 'ENTERPRISE')).toEqual([]);
    expect(steps(CaseStatus.CLOSED)).toEqual([]);
    expect(availableSteps({ status: CaseStatus.OPEN, escalatedAt: null }, null)).toEqual([]);
  });

  it('takes the current deadline from the state, and says why a step is refused', () => {
    expect(currentDeadline({ status: CaseStatus.OPEN, ...deadlines })).toEqual(deadlines.acknowledgeDueAt);
    expect(currentDeadline({ status: CaseStatus.VERIFYING, ...deadlines })).toEqual(deadlines.concludeDueAt);
    expect(currentDeadline({ status: CaseStatus.CONCLUDED, ...deadlines })).toEqual(deadlines.answerDueAt);
    expect(currentDeadline({ status: CaseStatus.ANSWERED, ...deadlines })).toBeNull();
    expect(refusal({ id: 7, status: CaseStatus.OPEN, escalatedAt: null }, 'CONCLUDE' as never)).toMatch(
      /Case 7 is OPEN; this step needs it to be VERIFYING/,
    );
    expect(refusal({ id: 7, status: CaseStatus.OPEN, escalatedAt: new Date() }, 'ESCALATE' as never)).toMatch(
      /already with the inspectors/,
    );
    expect(HANDLER_TURN).toEqual(['OPEN', 'ACKNOWLEDGED', 'VERIFYING', 'CONCLUDED']);
  });

  it('defines on time and the handling unit once', () => {
    expect(concludedOnTime({ concludedAt: deadlines.concludeDueAt, concludeDueAt: deadlines.concludeDueAt })).toBe(
      true,
    );
    expect(
      concludedOnTime({ concludedAt: at('2026-07-08T10:00:01+07:00'), concludeDueAt: deadlines.concludeDueAt }),
    ).toBe(false);
    expect(concludedOnTime({ concludedAt: null, concludeDueAt: deadlines.concludeDueAt })).toBe(false);
    expect(handlingUnit({ handler: CaseHandler.BRANCH, escalatedAt: null })).toBe('BRANCH');
    expect(handlingUnit({ handler: CaseHandler.BRANCH, escalatedAt: new Date() })).toBe('INSPECTORS');
    expect(handlingUnit({ handler: CaseHandler.INSPECTORS, escalatedAt: null })).toBe('INSPECTORS');
  });
});
