/**
 * Bulk import of declarations from CSV: one row per handling record, rows of one declaration
 * grouped by its number. Each declaration goes through the same validation and the same
 * transaction as the `recordDeclaration` mutation, so a bad row rejects its whole declaration
 * and never leaves half of it behind; other declarations are still imported.
 */
import { parse } from 'csv-parse/sync';
import { validate, type ValidationError } from 'class-validator';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Channel, DeclarationStatus, Direction } from './declaration.enums.js';
import { DeclarationService } from './declaration.service.js';
import { DeclarantInput, HandlingRecordInput, RecordDeclarationInput } from './record-declaration.input.js';

export const CSV_COLUMNS = [
  'number',
  'tax_code',
  'enterprise_name',
  'branch_code',
  'direction',
  'type_code',
  'channel',
  'status',
  'registered_at',
  'released_at',
  'stage_code',
  'team_code',
  'officer_code',
  'started_at',
  'finished_at',
] as const;

export interface RowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  declaration: string;
  field: string;
  message: string;
}

export interface ImportReport {
  declarations: { imported: number; rejected: number };
  rows: { read: number; rejected: number };
  errors: RowError[];
}

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

export async function importDeclarationsCsv(em: EntityManager, csv: string): Promise<ImportReport> {
  const report: ImportReport = {
    declarations: { imported: 0, rejected: 0 },
    rows: { read: 0, rejected: 0 },
    errors: [],
  };
  let records: CsvRow[];
  try {
    records = parse<CsvRow>(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    report.errors.push({
      line: 0,
      declaration: '',
      field: 'file',
      message: `Not a readable CSV file: ${(error as Error).message}`,
    });
    return report;
  }
  const header = Object.keys(records[0] ?? {});
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c) && records.length > 0);
  if (missing.length > 0) {
    report.errors.push({
      line: 1,
      declaration: '',
      field: 'header',
      message: `Missing columns: ${missing.join(', ')}. Expected: ${CSV_COLUMNS.join(',')}`,
    });
    return report;
  }
  report.rows.read = records.length;

  const groups = new Map<string, { line: number; row: CsvRow }[]>();
  records.forEach((row, i) => {
    const key = row.number;
    groups.set(key, [...(groups.get(key) ?? []), { line: i + 2, row }]);
  });

  for (const [number, rows] of groups) {
    const errors = await importOne(em, number, rows);
    if (errors.length === 0) {
      report.declarations.imported++;
    } else {
      report.declarations.rejected++;
      report.rows.rejected += rows.length;
      report.errors.push(...errors);
    }
  }
  return report;
}

async function importOne(
  em: EntityManager,
  number: string,
  rows: { line: number; row: CsvRow }[],
): Promise<RowError[]> {
  const errors: RowError[] = [];
  const fail = (line: number, field: string, message: string) =>
    errors.push({ line, declaration: number, field, message });
  const first = rows[0];

  // Declaration-level columns must agree on every row of the declaration.
  for (const column of [
    'tax_code',
    'enterprise_name',
    'branch_code',
    'direction',
    'type_code',
    'channel',
    'status',
    'registered_at',
    'released_at',
  ] as const) {
    for (const { line, row } of rows.slice(1)) {
      if (row[column] !== first.row[column])
        fail(
          line,
          column,
          `differs from line ${first.line} of the same declaration ("${row[column]}" vs "${first.row[column]}")`,
        );
    }
  }

  const input = Object.assign(new RecordDeclarationInput(), {
    number,
    enterprise: Object.assign(new DeclarantInput(), { taxCode: first.row.tax_code, name: first.row.enterprise_name }),
    branchCode: first.row.branch_code,
    direction: enumValue(Direction, first.row.direction, first.line, 'direction', fail),
    typeCode: first.row.type_code,
    channel: enumValue(Channel, first.row.channel, first.line, 'channel', fail),
    status: enumValue(DeclarationStatus, first.row.status, first.line, 'status', fail),
    registeredAt: instant(first.row.registered_at, first.line, 'registered_at', fail, true)!,
    releasedAt: instant(first.row.released_at, first.line, 'released_at', fail, false),
    handling: rows
      .filter(({ row }) => row.stage_code !== '')
      .map(({ line, row }) =>
        Object.assign(new HandlingRecordInput(), {
          stageCode: row.stage_code,
          teamCode: row.team_code,
          officerCode: row.officer_code,
          startedAt: instant(row.started_at, line, 'started_at', fail, true)!,
          finishedAt: instant(row.finished_at, line, 'finished_at', fail, false),
        }),
      ),
  });
  if (errors.length > 0) return errors;

  const handlingLines = rows.filter(({ row }) => row.stage_code !== '').map(({ line }) => line);
  const lineOf = (field: string) => {
    const match = /^handling\[(\d+)\]/.exec(field);
    return match ? handlingLines[Number(match[1])] : first.line;
  };
  for (const v of flatten(await validate(input, { forbidUnknownValues: false })))
    fail(lineOf(v.field), toColumn(v.field), v.message);
  if (errors.length > 0) return errors;

  try {
    await new DeclarationService(em.fork()).record(input);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const invalid = (error.extensions.invalid as { field: string; problems: string[] }[] | undefined) ?? [];
    if (invalid.length === 0) fail(first.line, 'number', error.message);
    for (const p of invalid) fail(lineOf(p.field), toColumn(p.field), p.problems.join('; '));
  }
  return errors;
}

function enumValue<T extends Record<string, string>>(
  values: T,
  raw: string,
  line: number,
  field: string,
  fail: (line: number, field: string, message: string) => void,
): T[keyof T] {
  const value = raw.toUpperCase();
  if (!Object.values(values).includes(value)) fail(line, field, `must be one of ${Object.values(values).join(', ')}`);
  return value as T[keyof T];
}

function instant(
  raw: string,
  line: number,
  field: string,
  fail: (line: number, field: string, message: string) => void,
  required: boolean,
): Date | null {
  if (raw === '') {
    if (required) fail(line, field, 'is required');
    return null;
  }
  // Without an explicit offset a local time is read as Hải Phòng time, as customs staff write it.
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(raw) ? raw : `${raw.replace(' ', 'T')}+07:00`;
  const date = new Date(withZone);
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    fail(line, field, `"${raw}" is not a date-time like 2026-03-15 08:30 or 2026-03-15T08:30:00+07:00`);
    return null;
  }
  return date;
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}${/^\d+$/.test(e.property) ? `[${e.property}]` : `.${e.property}`}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const FIELD_TO_COLUMN: Record<string, string> = {
  'enterprise.taxCode': 'tax_code',
  'enterprise.name': 'enterprise_name',
  branchCode: 'branch_code',
  typeCode: 'type_code',
  registeredAt: 'registered_at',
  releasedAt: 'released_at',
  stageCode: 'stage_code',
  teamCode: 'team_code',
  officerCode: 'officer_code',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
};

function toColumn(field: string): string {
  const last = field.replace(/^handling\[\d+\]\./, '');
  return FIELD_TO_COLUMN[last] ?? last;
}
