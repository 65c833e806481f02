import { describe, expect, it } from 'vitest';
import { cdciIndex, DEFAULT_CDCI_WEIGHTS, formulaText, weightProblem } from '../../api/cdci/cdci.formula.js';
import { generateDemoData } from '../../api/db/seed/demo-seed.js';
import { parseReviewPeriod, previousReviewPeriod, quarterOf } from '../../api/periods.js';

describe('review periods in Hải Phòng time', () => {
  it('parses quarters, half-years and years into half-open UTC ranges starting at 00:00 +07:00', () => {
    const q = parseReviewPeriod('2026-Q1');
    expect([q.from.toISOString(), q.to.toISOString()]).toEqual([
      '2025-12-31T17:00:00.000Z',
      '2026-03-31T17:00:00.000Z',
    ]);
    const h = parseReviewPeriod('2026-H2');
    expect([h.from.toISOString(), h.to.toISOString()]).toEqual([
      '2026-06-30T17:00:00.000Z',
      '2026-12-31T17:00:00.000Z',
    ]);
    const y = parseReviewPeriod('2026');
    expect([y.kind, y.from.toISOString(), y.to.toISOString()]).toEqual([
      'YEAR',
      '2025-12-31T17:00:00.000Z',
      '2026-12-31T17:00:00.000Z',
    ]);
  });

  it('refuses anything else with BAD_USER_INPUT', () => {
    for (const bad of ['2026-Q5', '2026-H3', '2026-06', 'Q1-2026', '', '1999']) {
      expect(() => parseReviewPeriod(bad), bad).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
  });

  it('steps back across years', () => {
    expect(previousReviewPeriod(parseReviewPeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(previousReviewPeriod(parseReviewPeriod('2026-H1')).key).toBe('2025-H2');
    expect(previousReviewPeriod(parseReviewPeriod('2026')).key).toBe('2025');
  });

  it('puts 23:59:59.999 on 31 March in Q1 and 00:00 on 1 April in Q2', () => {
    expect(quarterOf(new Date('2026-03-31T23:59:59.999+07:00')).key).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-04-01T00:00:00+07:00')).key).toBe('2026-Q2');
    // 1 April 00:00 in Hải Phòng is still 31 March in UTC.
    expect(quarterOf(new Date('2026-03-31T17:00:00Z')).key).toBe('2026-Q2');
  });
});

describe('the CDCI formula', () => {
  it('weighs the components present and shares out the weight of missing ones', () => {
    // (50·80 + 20·90 + 20·70 + 10·60) / 100 = (4000 + 1800 + 1400 + 600) / 100 = 78
    expect(
      cdciIndex({ survey: 80, satisfaction: 90, departmentAssessment: 70, caseTimeliness: 60 }, DEFAULT_CDCI_WEIGHTS),
    ).toBe(78);
    // Without S: (20·90 + 20·70 + 10·60) / 50 = 3800 / 50 = 76
    expect(
      cdciIndex({ survey: null, satisfaction: 90, departmentAssessment: 70, caseTimeliness: 60 }, DEFAULT_CDCI_WEIGHTS),
    ).toBe(76);
    expect(
      cdciIndex(
        { survey: null, satisfaction: null, departmentAssessment: null, caseTimeliness: null },
        DEFAULT_CDCI_WEIGHTS,
      ),
    ).toBeNull();
    expect(formulaText(DEFAULT_CDCI_WEIGHTS)).toBe('CDCI = (50·S + 20·R + 20·D + 10·T) / (50 + 20 + 20 + 10)');
  });

  it('accepts only percentages adding up to 100', () => {
    expect(weightProblem(DEFAULT_CDCI_WEIGHTS)).toBeNull();
    expect(weightProblem({ ...DEFAULT_CDCI_WEIGHTS, survey: 60 })).toContain('110');
    expect(weightProblem({ survey: 120, satisfaction: -20, departmentAssessment: 0, caseTimeliness: 0 })).toContain(
      '0 to 100',
    );
  });
});

describe('demo surveys', () => {
  const until = new Date('2026-07-01T00:00:00+07:00');
  const data = generateDemoData({ seed: 7, scale: 0.05, until });
  const rows = (name: string) => {
    const t = data.find((x) => x.name === name)!;
    return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]]))) as Record<string, any>[];
  };

  it('has five quarterly campaigns, answers only within each campaign and before the end, none from the demo enterprise to the open one', () => {
    const campaigns = rows('survey_campaign');
    expect(campaigns.map((c) => c.title.split('– ')[1])).toEqual([
      'Quý 3/2025',
      'Quý 4/2025',
      'Quý 1/2026',
      'Quý 2/2026',
      'Quý 3/2026',
    ]);
    const byId = new Map(campaigns.map((c) => [c.id, c]));
    const responses = rows('survey_response');
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) {
      const c = byId.get(r.campaign_id)!;
      expect(r.submitted_at >= c.opens_at && r.submitted_at < c.closes_at && r.submitted_at < until).toBe(true);
    }
    expect(responses.some((r) => r.campaign_id === 5)).toBe(false);
    expect(rows('survey_answer').every((a) => (a.rating === null) !== (a.timeliness === null))).toBe(true);
  });

  it('names for each response only branches that handled the enterprise’s declarations', () => {
    const declarations = rows('declaration');
    const responses = new Map(rows('survey_response').map((r) => [r.id, r]));
    for (const rb of rows('survey_response_branch')) {
      const r = responses.get(rb.response_id)!;
      expect(declarations.some((d) => d.enterprise_id === r.enterprise_id && d.branch_id === rb.branch_id)).toBe(true);
    }
  });
});
