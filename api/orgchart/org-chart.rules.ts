/**
 * The field rules of the org chart, shared by the GraphQL mutations and the file import so that
 * both refuse the same things with the same words: codes, names, dates and levels.
 */
import { badInput } from '../errors.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Collects problems field by field, then throws them all at once as one BAD_USER_INPUT. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, problem: string): void {
    const existing = this.list.find((p) => p.field === field);
    if (existing) existing.problems.push(problem);
    else this.list.push({ field, problems: [problem] });
  }

  code(field: string, value: string | null | undefined): string {
    const code = (value ?? '').trim();
    if (!CODE_PATTERN.test(code))
      this.add(field, 'must be 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit');
    return code;
  }

  name(field: string, value: string | null | undefined, max = 255): string {
    const name = (value ?? '').trim().replace(/\s+/g, ' ');
    if (name.length === 0 || name.length > max) this.add(field, `must be 1–${max} characters`);
    return name;
  }

  int(field: string, value: unknown, min: number, max: number): number {
    const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
    if (!Number.isInteger(n) || n < min || n > max) this.add(field, `must be a whole number from ${min} to ${max}`);
    return n;
  }

  /** A calendar day, YYYY-MM-DD (or DD/MM/YYYY as Vietnamese spreadsheets write it). */
  day(field: string, value: string | Date | null | undefined): string {
    const day = toDay(value);
    if (!day) this.add(field, 'must be a date, YYYY-MM-DD or DD/MM/YYYY');
    return day ?? '';
  }

  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    throw badInput(`${what}: ${this.list.map((p) => `${p.field} ${p.problems.join('; ')}`).join('; ')}.`, {
      invalid: this.list,
    });
  }
}

export function toDay(value: string | Date | null | undefined): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const text = (value ?? '').trim();
  let y: number, m: number, d: number;
  const iso = DATE_PATTERN.exec(text);
  const vn = VN_DATE_PATTERN.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1950 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/** The calendar day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
