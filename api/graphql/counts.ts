/** Count-like arguments (a minimum group size, a number of items): whole, never negative, bounded. */
import { badInput } from '../errors.js';

export const MAX_MIN_COUNT = 1_000_000;

/** Refuses a count outside 0…max with BAD_USER_INPUT naming the argument. */
export function checkCount(value: number, name: string, max = MAX_MIN_COUNT): number {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw badInput(`${name} must be a whole number from 0 to ${max}; ${value} is not.`, { argument: name });
  return value;
}
