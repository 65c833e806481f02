/**
 * The CDCI formula, pure: four components on a 0–100 scale combined with weights (percent):
 *
 *   CDCI = Σ wᵢ·cᵢ / Σ wᵢ   over the components a branch has a value for,
 *
 * so a missing component (no survey answers, no closed case) neither counts as 0 nor skews the
 * index; its weight is shared out among the others in proportion. Components:
 *   S  survey — the branch's survey score (mean of section scores, each the share of 4–5 or of
 *      "faster/as committed" answers), 0–100; absent below SURVEY_MIN_RESPONDENTS respondents;
 *   R  satisfaction — the share of 4–5★ ratings of the branch (CSAT) in the period × 100;
 *   D  departmentAssessment — the department's assessment of the branch, entered 0–100;
 *   T  caseTimeliness — the share of the branch's complaint cases of the period concluded by
 *      their deadline, among those concluded, × 100.
 */
export type CdciComponent = 'survey' | 'satisfaction' | 'departmentAssessment' | 'caseTimeliness';

export const CDCI_COMPONENTS: CdciComponent[] = ['survey', 'satisfaction', 'departmentAssessment', 'caseTimeliness'];

export const CDCI_SYMBOLS: Record<CdciComponent, string> = {
  survey: 'S',
  satisfaction: 'R',
  departmentAssessment: 'D',
  caseTimeliness: 'T',
};

export type CdciWeightSet = Record<CdciComponent, number>;

/**
 * Enterprises' voice 70 % (survey 50, ratings 20), the department's side 30 % (its assessment
 * 20, case timeliness 10): the 70/30 split Quảng Ninh and Hải Phòng use for their CDCI.
 */
export const DEFAULT_CDCI_WEIGHTS: CdciWeightSet = {
  survey: 50,
  satisfaction: 20,
  departmentAssessment: 20,
  caseTimeliness: 10,
};

export function formulaText(w: CdciWeightSet): string {
  // Language-neutral, so the console shows it as is; a missing component drops out of both sums.
  const terms = CDCI_COMPONENTS.map((c) => `${w[c]}·${CDCI_SYMBOLS[c]}`).join(' + ');
  return `CDCI = (${terms}) / (${CDCI_COMPONENTS.map((c) => w[c]).join(' + ')})`;
}

export function cdciIndex(values: Record<CdciComponent, number | null>, w: CdciWeightSet): number | null {
  let sum = 0;
  let weight = 0;
  for (const c of CDCI_COMPONENTS) {
    const v = values[c];
    if (v === null || w[c] === 0) continue;
    sum += w[c] * v;
    weight += w[c];
  }
  return weight === 0 ? null : Math.round((sum / weight) * 100) / 100;
}

/** Refuses weights that are negative or do not add up to 100. */
export function weightProblem(w: CdciWeightSet): string | null {
  if (CDCI_COMPONENTS.some((c) => !Number.isFinite(w[c]) || w[c] < 0 || w[c] > 100))
    return 'Each weight is a percentage from 0 to 100.';
  const total = CDCI_COMPONENTS.reduce((s, c) => s + w[c], 0);
  if (Math.abs(total - 100) > 1e-6) return `The weights must add up to 100; these add up to ${total}.`;
  return null;
}
