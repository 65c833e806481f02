/**
 * Limits on what one GraphQL request may ask for: nesting depth and an estimated cost, both
 * checked by an Apollo plugin once the operation is known and before any resolver runs.
 * A connection costs `first` times its children; other lists count ten items.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  isListType,
  isNonNullType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

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

export function queryLimitsPlugin(schema: GraphQLSchema, limits: { maxDepth: number; maxCost: number }): ApolloServerPlugin {
  const { maxDepth, maxCost } = limits;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const depth = operationDepth(document, request.operationName);
          if (depth > maxDepth) {
            throw new GraphQLError(`The query is nested ${depth} levels deep; at most ${maxDepth} are allowed.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', depth, maxDepth },
            });
          }
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), pageEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > maxCost) {
            throw new GraphQLError(`The query would cost ${cost} points; at most ${maxCost} are allowed. Ask for smaller pages or fewer fields.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost },
            });
          }
        },
      };
    },
  };
}

