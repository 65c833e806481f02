/**
 * The shape check and the price of an operation, remembered per parsed document. Apollo hands the
 * same DocumentNode for the same query text (its document cache), and both depend only on the
 * document, the operation name, the variables and fixed settings; worked out anew on every request
 * they took ~0.5 ms of a ~10 ms statistics answer. A refusal is never remembered: it is worked out
 * and thrown again each time.
 */
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { checkCost, checkShape, operationCost, type ShapeLimits } from './limits.js';

/**
 * Memory stays bounded whatever clients send: at most this many prices (all documents together),
 * each for variables of at most this many characters (~20 MB at worst); past the count, all are
 * forgotten at once.
 */
const MAX_REMEMBERED_PRICES = 10_000;
const MAX_REMEMBERED_VARIABLES_CHARS = 2048;

export type PriceOperation = (
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
) => number;

/** Checks the operation's shape and cost against `limits` and returns its price in points. */
export function rememberedPricing(schema: GraphQLSchema, limits: ShapeLimits): PriceOperation {
  const shapesPassed = new WeakMap<DocumentNode, Set<string>>();
  let prices = new WeakMap<DocumentNode, Map<string, number>>();
  let remembered = 0;
  return (document, operationName, variables) => {
    const name = operationName ?? '';
    let passed = shapesPassed.get(document);
    if (!passed?.has(name)) {
      checkShape(document, operationName, limits);
      if (!passed) shapesPassed.set(document, (passed = new Set()));
      passed.add(name);
    }
    const key = variablesKey(name, variables);
    let byVariables = prices.get(document);
    let cost = key === null ? undefined : byVariables?.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, operationName, variables);
      if (key !== null && key.length <= MAX_REMEMBERED_VARIABLES_CHARS) {
        if (remembered >= MAX_REMEMBERED_PRICES) {
          prices = new WeakMap();
          byVariables = undefined;
          remembered = 0;
        }
        if (!byVariables) prices.set(document, (byVariables = new Map()));
        byVariables.set(key, cost);
        remembered++;
      }
    }
    checkCost(cost, limits.maxCost);
    return cost;
  };
}

/**
 * The operation name and its variables as text, or null when they cannot be written out: variables
 * nested thousands deep overflow JSON.stringify's recursion (JSON.parse reads them without one),
 * and the calculator then refuses them as it always did (BAD_USER_INPUT).
 */
function variablesKey(name: string, variables: Record<string, unknown> | undefined): string | null {
  try {
    return `${name}\n${JSON.stringify(variables ?? {})}`;
  } catch {
    return null;
  }
}
