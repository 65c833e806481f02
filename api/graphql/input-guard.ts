/**
 * Checks every argument of every field before its resolver runs, in one place, for what no
 * resolver should have to think about:
 * - `ID` values are whole positive numbers (our ids are Postgres integers): "' OR 1=1", "1e309" or
 *   "1.5" would otherwise reach the database as a parameter of the wrong type, fail there, and be
 *   answered as an internal error. The one `ID` that is not a row id (a drill-down step's value,
 *   which may be a month or a channel) is listed in NOT_ROW_IDS and left to its resolver.
 * - No string holds a NUL character: PostgreSQL text cannot store one, and the driver error would
 *   again surface as an internal error.
 * Both are answered as BAD_USER_INPUT naming the argument.
 */
import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLInputType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { badInput } from '../errors.js';
import { parseId } from './ids.js';

const NOT_ROW_IDS = new Set(['DrillStep.id']);

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
  if (typeof value === 'string' && value.includes('\u0000')) throw badInput(`${path} must not contain NUL characters.`);
  if (t.name === 'ID' && !(owner && NOT_ROW_IDS.has(owner))) parseId(value as string, path);
}

export const guardInputs: MiddlewareFn = ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  for (const arg of field?.args ?? []) check(args[arg.name], arg.type, arg.name, null);
  return next();
};
