/** Ids that arrive as GraphQL `ID`s (strings): parsed once, refused clearly when not whole positive numbers. */
import { badInput } from '../errors.js';

const MAX_ID = 4_294_967_295;

export function parseId(value: string | number, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > MAX_ID)
    throw badInput(`${field} must hold positive whole ids; "${value}" is not one.`);
  return n;
}

export function parseIds(values: string[] | null | undefined, field: string): number[] | undefined {
  return values ? values.map((v) => parseId(v, field)) : undefined;
}

/**
 * Narrows the ids a viewer asked for to the one its scope allows: undefined (no limit) when the
 * scope does not limit, the scope's id when nothing was asked, and null when what was asked lies
 * outside the scope (the answer is then empty).
 */
export function narrowToScope(asked: number[] | undefined, only: number | null): number[] | undefined | null {
  if (only === null) return asked;
  if (!asked || asked.length === 0) return [only];
  return asked.includes(only) ? [only] : null;
}
