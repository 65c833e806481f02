/**
 * Evaluates every active alert rule against the rating facts (after each analytics relay batch):
 * a subject crossing its rule's threshold with no open incident raises one and publishes
 * alert.raised (in-app and e-mail to the rule's owner, webhooks of administrators); an open
 * incident whose subject no longer crosses is cleared. So an alert fires once until it clears.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import { officersWithLowRatings, unitSatisfaction } from '../../analytics/queries/alertMeasures.js';
import { publishEvent } from '../messages/publish.js';
import { startOfDayInVietnam } from '../time.js';
import { AlertIncident, AlertKind, AlertRule } from './alert.entity.js';

interface Crossing {
  subjectKind: 'DEPARTMENT' | 'BRANCH' | 'OFFICER';
  subjectId: number;
  value: number;
  params: Record<string, string | number>;
  link: string;
}

export async function evaluateAlerts(
  rootEm: EntityManager,
  store: AnalyticsStore,
  now: Date,
): Promise<{ raised: number; cleared: number }> {
  const em = rootEm.fork();
  const rules = await em.find(AlertRule, { active: true }, { orderBy: { id: 'asc' } });
  let raised = 0;
  let cleared = 0;
  for (const rule of rules) {
    const crossing = await crossingsOf(em, store, rule, now);
    await em.transactional(async (tx) => {
      const open = await tx.find(AlertIncident, { ruleId: rule.id, clearedAt: null });
      const openKeys = new Set(open.map((i) => `${i.subjectKind}:${i.subjectId}`));
      const crossingKeys = new Set(crossing.map((c) => `${c.subjectKind}:${c.subjectId}`));
      for (const incident of open)
        if (!crossingKeys.has(`${incident.subjectKind}:${incident.subjectId}`)) {
          incident.clearedAt = now;
          cleared++;
        }
      for (const c of crossing) {
        if (openKeys.has(`${c.subjectKind}:${c.subjectId}`)) continue;
        const incident = tx.create(AlertIncident, {
          ruleId: rule.id,
          subjectKind: c.subjectKind,
          subjectId: c.subjectId,
          value: c.value,
          raisedAt: now,
        });
        await tx.flush();
        publishEvent(tx, {
          type: 'alert.raised',
          occurredAt: now,
          data: {
            alertId: incident.id,
            ruleId: rule.id,
            kind: rule.kind,
            subjectKind: c.subjectKind,
            subjectId: c.subjectId,
            value: c.value,
            threshold: rule.threshold,
          },
          audiences: [{ accountId: rule.ownerAccountId }],
          message: {
            key: rule.kind === AlertKind.CSAT_BELOW ? 'alert.csatBelow' : 'alert.officerLowRatings',
            params: c.params,
            link: c.link,
          },
        });
        raised++;
      }
      await tx.flush();
    });
  }
  return { raised, cleared };
}

async function crossingsOf(em: EntityManager, store: AnalyticsStore, rule: AlertRule, now: Date): Promise<Crossing[]> {
  const unit = { departmentId: rule.departmentId, branchId: rule.branchId ?? null };
  if (rule.kind === AlertKind.CSAT_BELOW) {
    const days = rule.days ?? 30;
    const { ratings, satisfied } = await unitSatisfaction(store, {
      ...unit,
      from: new Date(now.getTime() - days * 86_400_000),
      to: new Date(now.getTime() + 1), // ratings made at this very instant count
    });
    const csat = ratings === 0 ? 100 : (100 * satisfied) / ratings;
    if (ratings < (rule.minRatings ?? 1) || csat >= rule.threshold) return [];
    const unitName = await nameOf(em, rule.branchId ? 'branch' : 'department', rule.branchId ?? rule.departmentId);
    return [
      {
        subjectKind: rule.branchId ? 'BRANCH' : 'DEPARTMENT',
        subjectId: rule.branchId ?? rule.departmentId,
        value: Math.round(csat * 10) / 10,
        params: { unitName, csat: Math.round(csat * 10) / 10, threshold: rule.threshold, days, ratings },
        link: rule.branchId ? `/explore?branch=${rule.branchId}` : '/overview',
      },
    ];
  }
  const officers = await officersWithLowRatings(store, {
    ...unit,
    from: startOfDayInVietnam(now),
    to: new Date(now.getTime() + 1),
    minCount: Math.max(1, Math.ceil(rule.threshold)),
  });
  const crossings: Crossing[] = [];
  for (const o of officers)
    crossings.push({
      subjectKind: 'OFFICER',
      subjectId: o.officerId,
      value: o.count,
      params: { officerName: await nameOf(em, 'officer', o.officerId), count: o.count, threshold: rule.threshold },
      link: `/officers/${o.officerId}`,
    });
  return crossings;
}

async function nameOf(em: EntityManager, table: 'branch' | 'department' | 'officer', id: number): Promise<string> {
  const column = table === 'officer' ? 'full_name' : 'name';
  const [row] = await em.execute<{ name: string }[]>(`select ${column} as name from ${table} where id = ?`, [id]);
  return row?.name ?? String(id);
}
