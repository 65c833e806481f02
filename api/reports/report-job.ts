/**
 * The report job: for the latest completed month, quarter, half-year and year (Hải Phòng time),
 * makes the report of every department and every branch that has none yet — figures, XLSX and
 * PDF stored together with a report.ready event to the unit's subscribers, in one transaction
 * per report. Running it again makes nothing twice (one report per period and unit).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import type { Config } from '../config.js';
import { publishEvent } from '../messages/publish.js';
import { PeriodReport, ReportSubscription, ReportUnitKind } from './period-report.entity.js';
import { buildReportData, type ReportUnit } from './report-data.js';
import { completedPeriods, type ReportPeriod } from './report-periods.js';
import { reportPdf } from './report-pdf.js';
import { reportXlsx } from './report-xlsx.js';

export interface ReportJobSettings extends Pick<Config, 'surveys'> {
  reports: { fontPath: string | null };
}

export async function generateDueReports(
  rootEm: EntityManager,
  analytics: AnalyticsStore,
  settings: ReportJobSettings,
  now: Date,
  periods: ReportPeriod[] = completedPeriods(now),
): Promise<number> {
  const em = rootEm.fork();
  const units: ReportUnit[] = [
    ...(await em.execute<{ id: number; name: string }[]>('select id, name from department order by id')).map((d) => ({
      kind: ReportUnitKind.DEPARTMENT,
      id: Number(d.id),
      name: d.name,
      departmentId: Number(d.id),
    })),
    ...(
      await em.execute<{ id: number; name: string; department_id: number }[]>(
        'select id, name, department_id from branch order by id',
      )
    ).map((b) => ({
      kind: ReportUnitKind.BRANCH,
      id: Number(b.id),
      name: b.name,
      departmentId: Number(b.department_id),
    })),
  ];
  let made = 0;
  for (const period of periods) {
    const existing = await em.execute<{ unit_kind: string; unit_id: number }[]>(
      'select unit_kind, unit_id from period_report where period_key = ?',
      [period.key],
    );
    const done = new Set(existing.map((r) => `${r.unit_kind}:${r.unit_id}`));
    for (const unit of units) {
      if (done.has(`${unit.kind}:${unit.id}`)) continue;
      await generateReport(rootEm, analytics, settings, unit, period, now);
      made++;
    }
  }
  return made;
}

export async function generateReport(
  rootEm: EntityManager,
  analytics: AnalyticsStore,
  settings: ReportJobSettings,
  unit: ReportUnit,
  period: ReportPeriod,
  now: Date,
): Promise<PeriodReport> {
  const data = await buildReportData(rootEm.fork(), analytics, settings, unit, period);
  const [xlsx, pdf] = await Promise.all([reportXlsx(data), reportPdf(data, settings.reports.fontPath)]);
  return rootEm.fork().transactional(async (em) => {
    const report = em.create(PeriodReport, {
      periodKey: period.key,
      periodKind: period.kind,
      unitKind: unit.kind,
      unitId: unit.id,
      unitName: unit.name,
      departmentId: unit.departmentId,
      from: period.from,
      to: period.to,
      generatedAt: now,
      figures: data as unknown as Record<string, unknown>,
      xlsx,
      pdf,
    });
    await em.flush();
    const subscribers = await em.find(ReportSubscription, { unitKind: unit.kind, unitId: unit.id });
    publishEvent(em, {
      type: 'report.ready',
      occurredAt: now,
      data: {
        reportId: report.id,
        period: period.key,
        periodKind: period.kind,
        unitKind: unit.kind,
        unitId: unit.id,
        unitName: unit.name,
        ratings: data.kpis.current.count,
        csat: data.kpis.current.csat,
      },
      audiences: subscribers.map((s) => ({ accountId: s.accountId })),
      message: {
        key: 'report.ready',
        params: { period: period.key, periodKind: period.kind, unitName: unit.name },
        link: `/reports/${report.id}`,
      },
    });
    await em.flush();
    return report;
  });
}
