// Copied text: the same comment, or nearly the same, on several forms within a short window. Two
// comments are "the same" when their normalised text (comment_norm: lower case, diacritics
// stripped, punctuation and spaces collapsed) has the same word-bigram min-hash, so an added word
// or a changed accent does not hide a copy. Only comments of the batch's items are looked up, and
// only those long enough (copiedMinWords) that two enterprises would hardly write them alike.
import type { AnalyticsStore } from '../clickhouse.js';
import type { RatingFact } from '../ingest.js';
import {
  IN_PERIOD_SQL,
  ms,
  rows,
  SUBJECT_ID_SQL,
  THRESHOLDS,
  uniqueSorted,
  type AnomalyCandidate,
  type SubjectKind,
} from './anomaly.js';

interface Row {
  hash: string;
  sample: string;
  forms: string;
  items: [string, string, number, SubjectKind, number, number, number, string][];
}

const HASH = 'wordShingleMinHashUTF8(comment_norm, 2, 3)';

export async function detectCopiedText(store: AnalyticsStore, facts: RatingFact[]): Promise<AnomalyCandidate[]> {
  const withComment = facts.filter((f) => (f.comment ?? '') !== '');
  if (withComment.length === 0) return [];
  const until = Math.max(...withComment.map(ms));
  const found = await rows<Row>(
    store,
    `SELECT toString(${HASH}) AS hash, any(comment_norm) AS sample, uniqExact(form_id) AS forms,
            groupArray(500)(tuple(item_id, form_id, enterprise_id, toString(subject_kind), ${SUBJECT_ID_SQL}, department_id, branch_id,
                                  toUnixTimestamp64Milli(rated_at))) AS items
     FROM rating_facts
     WHERE ${IN_PERIOD_SQL} AND comment_norm != ''
       AND ${HASH} IN (SELECT ${HASH} FROM rating_facts
                       WHERE is_deleted = 0 AND item_id IN {items:Array(UInt64)}
                         AND length(splitByChar(' ', comment_norm)) >= {minWords:UInt32})
     GROUP BY hash
     HAVING forms >= {minForms:UInt32}`,
    {
      items: withComment.map((f) => f.item_id),
      since: until - THRESHOLDS.copiedWindowMs,
      until,
      minWords: THRESHOLDS.copiedMinWords,
      minForms: THRESHOLDS.copiedMinForms,
    },
  );
  return found.map((r) => {
    const items = r.items.map(([item, form, enterprise, kind, sid, department, branch, at]) => ({
      item: Number(item),
      form: Number(form),
      enterprise: Number(enterprise),
      kind,
      sid: Number(sid),
      department: Number(department),
      branch: Number(branch),
      at: Number(at),
    }));
    // The flag names the subject most of the copies rate; its forms list every copy.
    const bySubject = new Map<string, number>();
    for (const x of items) bySubject.set(`${x.kind}:${x.sid}`, (bySubject.get(`${x.kind}:${x.sid}`) ?? 0) + 1);
    const top = [...bySubject.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const first = items.find((x) => `${x.kind}:${x.sid}` === top)!;
    const itemIds = uniqueSorted(items.map((x) => x.item));
    const enterpriseIds = uniqueSorted(items.map((x) => x.enterprise));
    return {
      kind: 'COPIED_TEXT' as const,
      fingerprint: `COPIED_TEXT:${r.hash}`,
      subjectKind: first.kind,
      subjectId: first.sid,
      departmentId: first.department,
      branchId: first.branch,
      itemIds,
      formIds: uniqueSorted(items.map((x) => x.form)),
      enterpriseIds,
      firstRatedAt: new Date(Math.min(...items.map((x) => x.at))),
      lastRatedAt: new Date(Math.max(...items.map((x) => x.at))),
      figures: {
        forms: Number(r.forms),
        ratings: itemIds.length,
        raters: enterpriseIds.length,
        subjects: bySubject.size,
        words: r.sample.split(' ').length,
        windowDays: THRESHOLDS.copiedWindowMs / 86_400_000,
      },
    };
  });
}
