/**
 * Checks every argument of every field before its resolver runs, in one place, for what no
 * resolver should have to think about:
 * - `ID` values are whole positive numbers (our ids are Postgres integers): "' OR 1=1", "1e309" or
 *   "1.5" would otherwise reach the database as a parameter of the wrong type, fail there, and be
 *   answered as an internal error. The one `ID` that is not a row id (a drill-down step's value,
 *   which may be a month or a channel) is listed in NOT_ROW_IDS and left to its resolver.
 * - No string holds a NUL character: PostgreSQL text cannot store one, and the driver error would
 *   again surface as an internal error.
 * - No string holds a lone UTF-16 surrogate: it has no UTF-8 form, so Postgres would store U+FFFD
 *   in its place (or the driver fail) instead of what was sent.
 * - Every date lies between 2000 and 2100: year 0001 or 9999 makes period arithmetic and
 *   ClickHouse's DateTime overflow, and no question about this platform's data needs them.
 * All are answered as BAD_USER_INPUT naming the argument.
 */
import {
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { badInput } from '../errors.js';
import { parseId } from './ids.js';

const NOT_ROW_IDS = new Set(['DrillStep.id']);
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** With the u flag a surrogate class matches only surrogates that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function check(value: unknown, type: GraphQLInputType, path: string, owner: string | null): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (Array.isArray(value)) value.forEach((item, i) => check(item, t.ofType, `${path}[${i}]`, owner));
    return;
  }
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const [name, field] of Object.entries(fields)) {
      check((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, `${t.name}.${name}`);
    }
    return;
  }
  if (!isScalarType(t)) return;
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (!(year >= MIN_YEAR && year <= MAX_YEAR))
      throw badInput(`${path} must be a date from ${MIN_YEAR} to ${MAX_YEAR}.`, { reason: 'DATE_OUT_OF_RANGE' });
    return;
  }
  if (typeof value === 'string' && value.includes('\u0000')) throw badInput(`${path} must not contain NUL characters.`);
  if (typeof value === 'string' && LONE_SURROGATE.test(value))
    throw badInput(`${path} holds an unpaired UTF-16 surrogate: send valid Unicode text.`, {
      reason: 'INVALID_UNICODE',
    });
  if (t.name === 'ID' && !(owner && NOT_ROW_IDS.has(owner))) parseId(value as string, path);
}

/** Checks a field's arguments as given (`field-policy.ts` calls it before the field resolves). */
export function checkArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const arg of definitions) check(args[arg.name], arg.type, arg.name, null);
}
