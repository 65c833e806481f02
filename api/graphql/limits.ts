/**
 * Limits on what one GraphQL request may ask for: nesting depth, aliases, root fields and an
 * estimated cost, checked (by the request policy plugin) once the operation is known and before
 * any resolver runs.
 * A connection costs `first` times its children; other lists count ten items.
 */
import {
  Kind,
  visit,
  isListType,
  isNonNullType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { tooComplex } from '../errors.js';

/** The deepest field nesting of the chosen operation, following fragments (each once per path). */
export function operationDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let deepest = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + depthOf(sel.selectionSet, seen));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(sel.selectionSet, seen));
      } else {
        const name = sel.name.value;
        if (seen.has(name)) continue;
        deepest = Math.max(deepest, depthOf(fragments.get(name)?.selectionSet, new Set([...seen, name])));
      }
    }
    return deepest;
  };
  const chosen = operations.filter((op) => !operationName || op.name?.value === operationName);
  return Math.max(0, ...chosen.map((op) => depthOf(op.selectionSet, new Set())));
}

const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(childComplexity, 1);
};

const listEstimator: ComplexityEstimator = ({ field, childComplexity }) => {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(type) ? 1 + 10 * Math.max(childComplexity, 1) : undefined;
};

export interface ShapeLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
}

/** Refuses operations too deep, with too many aliases or too many root fields (QUERY_TOO_COMPLEX). */
export function checkShape(document: DocumentNode, operationName: string | null | undefined, limits: ShapeLimits): void {
  const depth = operationDepth(document, operationName);
  if (depth > limits.maxDepth) {
    throw tooComplex(`The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed.`, { depth, maxDepth: limits.maxDepth });
  }
  // Aliases are how one request asks for the same expensive field many times over.
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  if (aliases > limits.maxAliases) {
    throw tooComplex(`The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed.`, { aliases, maxAliases: limits.maxAliases });
  }
  const rootFields = rootFieldCount(document, operationName);
  if (rootFields > limits.maxRootFields) {
    throw tooComplex(`The query asks for ${rootFields} root fields; at most ${limits.maxRootFields} are allowed.`, {
      rootFields,
      maxRootFields: limits.maxRootFields,
    });
  }
}

/** Root fields of the chosen operation, through fragments spread at the root. */
function rootFieldCount(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const count = (set: SelectionSetNode | undefined, seen: Set<string>): number =>
    (set?.selections ?? []).reduce((sum, sel) => {
      if (sel.kind === Kind.FIELD) return sum + (sel.name.value === '__typename' ? 0 : 1);
      if (sel.kind === Kind.INLINE_FRAGMENT) return sum + count(sel.selectionSet, seen);
      if (seen.has(sel.name.value)) return sum;
      return sum + count(fragments.get(sel.name.value)?.selectionSet, new Set([...seen, sel.name.value]));
    }, 0);
  const operations = document.definitions.filter(
    (def): def is OperationDefinitionNode => def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName),
  );
  return Math.max(0, ...operations.map((op) => count(op.selectionSet, new Set())));
}

/** The estimated cost of the chosen operation, in points. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables,
    estimators: [fieldExtensionsEstimator(), pageEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

export function checkCost(cost: number, maxCost: number): void {
  if (cost > maxCost) {
    throw tooComplex(`The query would cost ${cost} points; at most ${maxCost} are allowed. Ask for smaller pages or fewer fields.`, { cost, maxCost });
  }
}
