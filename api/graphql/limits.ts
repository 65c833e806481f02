/**
 * Limits on what one GraphQL request may ask for: nesting depth (a validation rule) and an
 * estimated cost (an Apollo plugin that prices the operation before any resolver runs).
 * A connection costs `first` times its children; other lists count ten items.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  isListType,
  isNonNullType,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
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
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The query is nested ${depth} levels deep; at most ${maxDepth} are allowed.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX', depth, maxDepth },
            }),
          );
        }
      },
    };
  };
}

const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(childComplexity, 1);
};

const listEstimator: ComplexityEstimator = ({ field, childComplexity }) => {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(type) ? 1 + 10 * Math.max(childComplexity, 1) : undefined;
};

export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
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

