/**
 * The shape check and the price of an operation, remembered per query text (Apollo's hash of it),
 * operation name and variables: both depend on nothing else (the settings are fixed), and worked
 * out anew on every request they took ~0.5 ms of a ~10 ms statistics answer. Only a price whose
 * shape check passed is kept; a refusal is worked out (or, over the cost limit, checked) again
 * each time.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { SizedLru } from '../../analytics/sizedLru.js';
import { checkCost, checkShape, operationCost, type ShapeLimits } from './limits.js';

/** Memory stays bounded whatever clients send; longer variables are priced every time. */
const MAX_REMEMBERED_BYTES = 8 * 1024 * 1024;
const MAX_REMEMBERED_KEY_CHARS = 2048;

export type PriceOperation = (
  queryHash: string,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
) => number;

/** Checks the operation's shape and cost against `limits` and returns its price in points. */
export function rememberedPricing(schema: GraphQLSchema, limits: ShapeLimits): PriceOperation {
  const prices = new SizedLru<number>(MAX_REMEMBERED_BYTES);
  return (queryHash, document, operationName, variables) => {
    const key = priceKey(queryHash, operationName, variables);
    let cost = key === null ? undefined : prices.get(key);
    if (cost === undefined) {
      checkShape(document, operationName, limits);
      cost = operationCost(schema, document, operationName, variables);
      if (key !== null && key.length <= MAX_REMEMBERED_KEY_CHARS) prices.set(key, cost, 2 * key.length);
    }
    checkCost(cost, limits.maxCost);
    return cost;
  };
}

/**
 * The key of a price, or null when the variables cannot be written out: nested thousands deep they
 * overflow JSON.stringify's recursion (JSON.parse reads them without one), and the calculator then
 * refuses them as it always did (BAD_USER_INPUT).
 */
function priceKey(
  queryHash: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): string | null {
  try {
    return `${queryHash}\n${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
  } catch {
    return null;
  }
}
