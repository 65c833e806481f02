/**
 * Refuses, before anything parses or coerces them, variables objects with more keys than any
 * input type of the schema has fields: such keys can only be unknown fields, and coercing
 * thousands of them (each one looked up, suggested and reported) took time quadratic in their
 * number and held the event loop for every other request. One linear walk of the JSON value.
 */
import { isInputObjectType, type GraphQLSchema } from 'graphql';
import { AppError } from '../errors.js';

/** The most fields of any input object type (and at least the most variables an operation might declare). */
export function maxInputFields(schema: GraphQLSchema): number {
  let most = 0;
  for (const type of Object.values(schema.getTypeMap()))
    if (isInputObjectType(type)) most = Math.max(most, Object.keys(type.getFields()).length);
  return Math.max(most, 50);
}

/** BAD_USER_INPUT (HTTP 400) for an object in `variables` with more than `limit` keys; null when fine. */
export function variablesShapeError(variables: unknown, limit: number): AppError | null {
  const stack: unknown[] = [variables];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    let keys = 0;
    for (const key in value) {
      if (++keys > limit)
        return new AppError(
          'BAD_USER_INPUT',
          `An object in the variables has more than ${limit} fields: no input type has that many.`,
          { reason: 'TOO_MANY_FIELDS' },
        );
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return null;
}
