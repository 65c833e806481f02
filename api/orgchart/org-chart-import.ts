/**
 * Bulk import of the org chart from an HR or customs-system export, keyed by codes. Every row is
 * checked against the database and against the other rows; the whole file is applied in one
 * transaction, and only when no row has a problem (a bad file writes nothing, and the report
 * names each bad row and field). Importing the same file again changes nothing: a unit or officer
 * already as the file says is left alone, and an officer already in the file's team is not moved.
 * Officers absent from the file are left alone too (an export may cover one branch).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Reason } from '../assessments/reason.entity.js';
import { recordAudit, type Actor } from '../audit/audit-log.js';
import { Branch } from '../catalog/branch.entity.js';
import { Department } from '../catalog/department.entity.js';
import { OfficerAssignment } from '../catalog/officer-assignment.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import { vietnamDate } from '../time.js';
import { FileProblem, readOrgChartFile, type Sheet } from './org-chart-file.js';
import { placeOfficer } from './org-chart.service.js';
import { Problems } from './org-chart.rules.js';

export interface ImportRowError {
  sheet: string;
  /** The row in the file (the header is row 1); 0 for the file as a whole. */
  row: number;
  field: string;
  message: string;
}

export interface OrgChartImportReport {
  /** True when the file was written; false for a dry run or a file with errors. */
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  moved: number;
  unchanged: number;
  errors: ImportRowError[];
}

class Rollback extends Error {}

export async function importOrgChart(
  em: EntityManager,
  actor: Actor,
  file: { format: 'CSV' | 'XLSX'; content: Buffer; name?: string | null },
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<OrgChartImportReport> {
  const now = options.now ?? new Date();
  const report: OrgChartImportReport = {
    applied: false,
    rows: 0,
    created: 0,
    updated: 0,
    moved: 0,
    unchanged: 0,
    errors: [],
  };
  let sheets: Sheet[];
  try {
    sheets = await readOrgChartFile(file.format, file.content);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    report.errors.push({ sheet: '', row: 0, field: 'file', message: error.message });
    return report;
  }
  report.rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  // Stages and reasons first, so that nothing in the officers' rows depends on the sheet order.
  const order = { stages: 0, reasons: 1, officers: 2 };
  sheets.sort((a, b) => order[a.kind] - order[b.kind]);
  try {
    await em.transactional(async (tx) => {
      const run = new ImportRun(tx, report, vietnamDate(now));
      for (const sheet of sheets) {
        for (const { row, values } of sheet.rows) {
          const problems = new Problems();
          const before = report.created + report.updated + report.moved;
          try {
            if (sheet.kind === 'stages') await run.stage(values, problems);
            else if (sheet.kind === 'reasons') await run.reason(values, problems);
            else await run.officerRow(values, problems);
          } catch (error) {
            if (!(error instanceof RowProblem)) throw error;
          }
          for (const p of problems.list)
            for (const message of p.problems) report.errors.push({ sheet: sheet.name, row, field: p.field, message });
          if (problems.list.length === 0 && report.created + report.updated + report.moved === before)
            report.unchanged++;
        }
      }
      if (report.errors.length > 0 || options.dryRun) throw new Rollback();
      await tx.flush();
      recordAudit(
        tx,
        actor,
        'orgChart.import',
        { kind: 'orgChart', id: file.name?.slice(0, 64) ?? null },
        {
          format: file.format,
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          moved: report.moved,
        },
        now,
      );
    });
    report.applied = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  // Nothing of a rolled-back run may linger in the identity map of the caller's EntityManager.
  if (!report.applied) em.clear();
  return report;
}

/** Thrown to stop a row at its first missing piece; its problems are already recorded. */
class RowProblem extends Error {}

type Named = { code: string; name: string; deactivatedAt?: Date | null };

/** One import: the rows seen so far, so that two rows disagreeing about a code are caught. */
class ImportRun {
  private readonly seen = new Map<string, { row: Record<string, string | Date>; name: string }>();
  private readonly officersSeen = new Set<string>();

  constructor(
    private readonly em: EntityManager,
    private readonly report: OrgChartImportReport,
    private readonly today: string,
  ) {}

  private text(values: Record<string, string | Date>, key: string): string {
    const v = values[key];
    return v instanceof Date ? vietnamDate(v) : (v ?? '');
  }

  /** A department, branch or team by code, created or renamed as the row says. */
  private async unit<T extends Named>(
    entity: new () => T,
    label: 'department' | 'branch' | 'team',
    values: Record<string, string | Date>,
    problems: Problems,
    parent: { field: string; entity: Named | null } | null,
  ): Promise<T> {
    const code = problems.code(`${label}_code`, this.text(values, `${label}_code`));
    const rawName = this.text(values, `${label}_name`);
    const name = rawName ? problems.name(`${label}_name`, rawName) : '';
    if (problems.list.length > 0) throw new RowProblem();
    const key = `${label}:${code}`;
    const earlier = this.seen.get(key);
    if (earlier && name && earlier.name && earlier.name !== name) {
      problems.add(`${label}_name`, `"${name}" differs from "${earlier.name}" given for ${code} in an earlier row`);
      throw new RowProblem();
    }
    let row = (await this.em.findOne(entity, { code })) as T | null;
    if (!row) {
      if (!name) {
        problems.add(`${label}_name`, `is needed to create ${label} ${code}`);
        throw new RowProblem();
      }
      row = this.em.create(entity, { code, name, ...(parent ? { [parent.field]: parent.entity } : {}) } as never);
      this.report.created++;
    } else {
      if (row.deactivatedAt) {
        problems.add(`${label}_code`, `${label} ${code} is deactivated`);
        throw new RowProblem();
      }
      if (parent) {
        const current = (row as unknown as Record<string, { id: number }>)[parent.field];
        if (parent.entity && current.id !== (parent.entity as unknown as { id: number }).id) {
          problems.add(
            `${label}_code`,
            `${label} ${code} belongs to another ${parent.field}, not ${parent.entity.code}`,
          );
          throw new RowProblem();
        }
      }
      if (name && row.name !== name) {
        row.name = name;
        this.report.updated++;
      }
    }
    const found = row as T;
    if (!earlier || (!earlier.name && name)) this.seen.set(key, { row: values, name: name || found.name });
    return found;
  }

  async officerRow(values: Record<string, string | Date>, problems: Problems): Promise<void> {
    const department = await this.unit(Department, 'department', values, problems, null);
    const branch = await this.unit(Branch, 'branch', values, problems, { field: 'department', entity: department });
    const team = await this.unit(Team, 'team', values, problems, { field: 'branch', entity: branch });
    const officerCode = this.text(values, 'officer_code');
    if (!officerCode) return;
    const code = problems.code('officer_code', officerCode);
    const fullName = problems.name('full_name', this.text(values, 'full_name'));
    const rawFrom = values.valid_from;
    const validFrom = rawFrom && rawFrom !== '' ? problems.day('valid_from', rawFrom) : this.today;
    if (this.officersSeen.has(code)) problems.add('officer_code', `${code} appears in an earlier row`);
    if (problems.list.length > 0) return;
    this.officersSeen.add(code);
    let officer = await this.em.findOne(Officer, { code });
    if (!officer) {
      officer = this.em.create(Officer, { code, fullName });
      this.em.create(OfficerAssignment, { officer, team, validFrom, validTo: null });
      this.report.created++;
      return;
    }
    if (officer.fullName !== fullName || officer.deactivatedAt) {
      // A deactivated officer in an HR export has come back.
      officer.fullName = fullName;
      officer.deactivatedAt = null;
      this.report.updated++;
    }
    const moved = await placeOfficer(this.em, officer, team, validFrom);
    if (typeof moved === 'string') problems.add('valid_from', moved);
    else if (moved) this.report.moved++;
  }

  async stage(values: Record<string, string | Date>, problems: Problems): Promise<void> {
    const data = {
      code: problems.code('stage_code', this.text(values, 'stage_code')),
      nameVi: problems.name('name_vi', this.text(values, 'name_vi')),
      nameEn: problems.name('name_en', this.text(values, 'name_en')),
    };
    const sortText = this.text(values, 'sort_order');
    const sortOrder = sortText ? problems.int('sort_order', sortText, 0, 10_000) : null;
    if (problems.list.length > 0) return;
    await this.upsert(Stage, { ...data, ...(sortOrder === null ? {} : { sortOrder }) }, problems, 'stage_code', {
      sortOrder: sortOrder ?? (await this.em.count(Stage, {})) + 1,
    });
  }

  async reason(values: Record<string, string | Date>, problems: Problems): Promise<void> {
    const data = {
      code: problems.code('reason_code', this.text(values, 'reason_code')),
      nameVi: problems.name('name_vi', this.text(values, 'name_vi')),
      nameEn: problems.name('name_en', this.text(values, 'name_en')),
      minLevel: problems.int('min_level', this.text(values, 'min_level'), 1, 5),
      maxLevel: problems.int('max_level', this.text(values, 'max_level'), 1, 5),
    };
    if (data.maxLevel < data.minLevel) problems.add('max_level', 'must not be below min_level');
    const sortText = this.text(values, 'sort_order');
    const sortOrder = sortText ? problems.int('sort_order', sortText, 0, 10_000) : null;
    if (problems.list.length > 0) return;
    await this.upsert(Reason, { ...data, ...(sortOrder === null ? {} : { sortOrder }) }, problems, 'reason_code', {
      sortOrder: sortOrder ?? (await this.em.count(Reason, {})) + 1,
      active: true,
    });
  }

  /** Creates the coded row, or updates the fields that differ; counts which. */
  private async upsert<T extends { code: string }>(
    entity: new () => T,
    data: Partial<T> & { code: string },
    problems: Problems,
    codeField: string,
    onCreate: Record<string, unknown>,
  ): Promise<void> {
    const key = `${entity.name}:${data.code}`;
    if (this.seen.has(key)) {
      problems.add(codeField, `${data.code} appears in an earlier row`);
      return;
    }
    this.seen.set(key, { row: {}, name: '' });
    const row = (await this.em.findOne(entity, { code: data.code })) as T | null;
    if (!row) {
      this.em.create(entity, { ...onCreate, ...data } as never);
      this.report.created++;
      return;
    }
    const differs = Object.entries(data).some(([k, v]) => (row as Record<string, unknown>)[k] !== v);
    if (differs) {
      Object.assign(row, data);
      this.report.updated++;
    }
  }
}
