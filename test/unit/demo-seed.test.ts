import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../api/db/seed/demo-seed.js';
import { STAGES_BY_CHANNEL } from '../../api/db/seed/hai-phong.js';
import { DEFAULT_CASE_SETTINGS } from '../../api/cases/case-lifecycle.js';
import { addWorkingDays, isWorkingDay } from '../../api/cases/working-days.js';

const until = new Date('2026-07-01T00:00:00+07:00');
const full = generateDemoData({ seed: 20200101, scale: 1, until });
const table = (name: string) => full.find((t) => t.name === name)!;
const rows = (name: string) =>
  table(name).rows.map((r) => Object.fromEntries(table(name).columns.map((c, i) => [c, r[i]]))) as Record<
    string,
    any
  >[];

describe('demo data set', () => {
  it('is the same for the same seed and different for another', () => {
    const again = generateDemoData({ seed: 20200101, scale: 1, until });
    expect(JSON.stringify(again)).toBe(JSON.stringify(full));
    const other = generateDemoData({ seed: 42, scale: 1, until });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(full));
  });

  it('has the size of a Hải Phòng–like department', () => {
    expect(rows('department')).toHaveLength(1);
    expect(rows('branch').length).toBeGreaterThanOrEqual(8);
    expect(rows('team').length).toBeGreaterThanOrEqual(35);
    expect(rows('team').length).toBeLessThanOrEqual(50);
    expect(rows('stage').length).toBeGreaterThanOrEqual(12);
    expect(rows('officer').length).toBeGreaterThanOrEqual(350);
    expect(rows('officer').length).toBeLessThanOrEqual(450);
    expect(rows('enterprise')).toHaveLength(2000);
  });

  it('spreads declarations over twelve months with the realistic channel mix', () => {
    const declarations = rows('declaration');
    const months = new Set(
      declarations.map((d) => new Date(d.registered_at.getTime() + 7 * 3_600_000).toISOString().slice(0, 7)),
    );
    expect(months.size).toBe(12);
    const share = (channel: string) => declarations.filter((d) => d.channel === channel).length / declarations.length;
    expect(share('GREEN')).toBeCloseTo(0.67, 1);
    expect(share('YELLOW')).toBeCloseTo(0.3, 1);
    expect(share('RED')).toBeGreaterThan(0.02);
    expect(share('RED')).toBeLessThan(0.04);
    expect(declarations.every((d) => /^\d{12}$/.test(d.number))).toBe(true);
    expect(new Set(declarations.map((d) => d.number)).size).toBe(declarations.length);
    expect(declarations.every((d) => d.registered_at < until)).toBe(true);
  });

  it('gives every seeded form at least one item, at levels 1–5', () => {
    const withItems = new Set(rows('assessment_item').map((i) => i.assessment_id));
    expect(rows('assessment').every((a) => withItems.has(a.id))).toBe(true);
    expect(rows('assessment_item').every((i) => i.level >= 1 && i.level <= 5)).toBe(true);
  });

  it('opens a case for every seeded 1–2★ item, its trail ending in its status', () => {
    const bad = rows('assessment_item').filter((i) => i.level <= 2);
    const cases = rows('complaint_case');
    expect(cases.map((c) => c.item_id).sort((a, b) => a - b)).toEqual(bad.map((i) => i.id).sort((a, b) => a - b));
    const lastStep = new Map<number, string>();
    for (const st of rows('complaint_case_step')) lastStep.set(st.case_id, st.status);
    for (const c of cases) {
      expect(lastStep.get(c.id)).toBe(c.status);
      expect(c.closed_at !== null).toBe(c.status === 'CLOSED');
      expect(c.rated_officer_id !== null).toBe(c.subject_kind === 'OFFICER');
    }
    expect(new Set(cases.map((c) => c.status)).size).toBeGreaterThan(2);
  });

  it('gives valid tax codes', () => {
    expect(rows('enterprise').every((e) => /^\d{10}(-\d{3})?$/.test(e.tax_code))).toBe(true);
  });

  it('has handling records consistent with the catalog: branch teams, stage order, officers in the team then', () => {
    const teamBranch = new Map(rows('team').map((t) => [t.id, t.branch_id]));
    const declarations = new Map(rows('declaration').map((d) => [d.id, d]));
    const stageCode = new Map(rows('stage').map((s) => [s.id, s.code]));
    const assignments = rows('officer_assignment');
    const byDeclaration = new Map<number, Record<string, any>[]>();
    for (const h of rows('handling_record'))
      byDeclaration.set(h.declaration_id, [...(byDeclaration.get(h.declaration_id) ?? []), h]);
    let checked = 0;
    for (const [id, records] of byDeclaration) {
      const d = declarations.get(id)!;
      expect(records.every((h) => teamBranch.get(h.team_id) === d.branch_id)).toBe(true);
      const expected = STAGES_BY_CHANNEL[d.channel as keyof typeof STAGES_BY_CHANNEL].slice(0, records.length);
      expect(records.map((h) => stageCode.get(h.stage_id))).toEqual(expected);
      if (checked++ < 500) {
        for (const h of records) {
          const day = new Date(h.started_at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
          const member = assignments.some(
            (a) =>
              a.officer_id === h.officer_id &&
              a.team_id === h.team_id &&
              a.valid_from <= day &&
              (a.valid_to === null || a.valid_to >= day),
          );
          expect(member).toBe(true);
        }
      }
    }
    expect(byDeclaration.size).toBe(rows('declaration').length);
  });

  it('publishes a few notices of new documents in the year, read by some of their audience', () => {
    const notices = rows('legal_notice');
    expect(notices.length).toBeGreaterThanOrEqual(5);
    const from = until.getTime() - 365 * 86_400_000;
    for (const n of notices) {
      expect(n.published_at.getTime()).toBeGreaterThan(from);
      expect(n.published_at.getTime()).toBeLessThan(until.getTime());
      expect(n.issued_on <= new Date(n.published_at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)).toBe(true);
      if (n.effective_on) expect(n.effective_on >= n.issued_on).toBe(true);
      expect(n.source_url).toMatch(/^https:\/\//);
      expect(n.title_vi).toMatch(/^(Thông tư|Quyết định|Công văn)/);
    }
    // The customs administration's name follows the date of the document.
    for (const n of notices.filter((x) => /TCHQ/.test(x.document_number))) expect(n.issuer).toBe('Tổng cục Hải quan');
    for (const n of notices.filter((x) => /-CHQ|\/CHQ/.test(x.document_number))) expect(n.issuer).toBe('Cục Hải quan');
    const reads = rows('legal_notice_read');
    const audience = (n: Record<string, any>) =>
      n.enterprise_ids === null ? null : new Set(String(n.enterprise_ids).slice(1, -1).split(',').map(Number));
    for (const r of reads) {
      const n = notices.find((x) => x.id === r.notice_id)!;
      expect(audience(n)?.has(r.enterprise_id) ?? true).toBe(true);
      expect(r.read_at.getTime()).toBeGreaterThan(n.published_at.getTime());
    }
    // The demo enterprise is addressed by all and has exactly two unread.
    expect(notices.every((n) => audience(n)?.has(1) ?? true)).toBe(true);
    expect(notices.length - reads.filter((r) => r.enterprise_id === 1).length).toBe(2);
  });

  it("counts its cases' deadlines on the live working calendar: none falls on a weekend or a seeded holiday", () => {
    const holidays = new Set(rows('holiday').map((h) => h.day as string));
    expect(holidays.has('2026-04-30')).toBe(true);
    const calendar = { workingWeekdays: new Set(DEFAULT_CASE_SETTINGS.workingWeekdays), holidays };
    const newest = rows('complaint_case')
      .sort((a, b) => b.opened_at.getTime() - a.opened_at.getTime())
      .slice(0, 1000);
    expect(newest.length).toBeGreaterThan(100);
    for (const c of newest) {
      for (const at of [c.acknowledge_due_at, c.conclude_due_at, c.answer_due_at].filter(Boolean) as Date[])
        expect(isWorkingDay(calendar, at), `case ${c.id} due ${at.toISOString()}`).toBe(true);
      // The same function the live service uses gives the same dates.
      expect(c.conclude_due_at).toEqual(addWorkingDays(calendar, c.opened_at, DEFAULT_CASE_SETTINGS.concludeDays));
      expect(c.acknowledge_due_at).toEqual(
        addWorkingDays(calendar, c.opened_at, DEFAULT_CASE_SETTINGS.acknowledgeDays),
      );
    }
  });
});
