/**
 * Limits on what one GraphQL request may ask for: the query text's size and nesting (before
 * parsing), then nesting depth, fields once fragments are expanded, aliases, root fields and an
 * estimated cost, checked (by the request policy plugin) once the operation is known and before
 * any resolver runs.
 * A connection costs `first` times its children; other lists count ten items.
 */
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  visit,
  isListType,
  isNonNullType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import { tooComplex } from '../errors.js';

/**
 * The deepest field nesting of the chosen operation and how many fields it has once every fragment
 * is expanded. Each fragment is measured once and remembered: following spreads anew on every path
 * is exponential (fragment F1 spreads F0 twice, F2 spreads F1 twice, … F30 is 2^30 copies), and one
 * such request would hold the event loop for hours.
 */
export function operationShape(
  document: DocumentNode,
  operationName?: string | null,
): { depth: number; fields: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const measured = new Map<string, { depth: number; fields: number }>();
  // Validation refuses fragment cycles before the limits run; this only keeps a cycle from looping.
  const measuring = new Set<string>();
  const shapeOf = (set: SelectionSetNode | undefined): { depth: number; fields: number } => {
    let depth = 0;
    let fields = 0;
    for (const sel of set?.selections ?? []) {
      let inner: { depth: number; fields: number };
      if (sel.kind === Kind.FIELD) {
        const child = shapeOf(sel.selectionSet);
        fields += 1 + child.fields;
        if (!sel.name.value.startsWith('__')) depth = Math.max(depth, 1 + child.depth);
        continue;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        inner = shapeOf(sel.selectionSet);
      } else {
        const name = sel.name.value;
        if (measuring.has(name)) continue;
        inner = measured.get(name) ?? { depth: 0, fields: 0 };
        if (!measured.has(name) && fragments.has(name)) {
          measuring.add(name);
          inner = shapeOf(fragments.get(name)!.selectionSet);
          measuring.delete(name);
          measured.set(name, inner);
        }
      }
      depth = Math.max(depth, inner.depth);
      fields += inner.fields;
    }
    return { depth, fields };
  };
  const chosen = operations
    .filter((op) => !operationName || op.name?.value === operationName)
    .map((op) => shapeOf(op.selectionSet));
  return { depth: Math.max(0, ...chosen.map((c) => c.depth)), fields: chosen.reduce((n, c) => n + c.fields, 0) };
}

/** The deepest field nesting of the chosen operation, following fragments. */
export function operationDepth(document: DocumentNode, operationName?: string | null): number {
  return operationShape(document, operationName).depth;
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
  maxCost: number;
}

/** Refuses operations too deep, too big, with too many aliases or too many root fields (QUERY_TOO_COMPLEX). */
export function checkShape(
  document: DocumentNode,
  operationName: string | null | undefined,
  limits: ShapeLimits,
): void {
  const { depth, fields } = operationShape(document, operationName);
  if (depth > limits.maxDepth) {
    throw tooComplex(`The query is nested ${depth} levels deep; at most ${limits.maxDepth} are allowed.`, {
      depth,
      maxDepth: limits.maxDepth,
    });
  }
  // Every field costs at least a point, and the cost calculator expands fragments per spread:
  // refuse what is certainly too big before paying for that.
  if (fields > limits.maxCost) {
    throw tooComplex(
      `The query has ${fields} fields once its fragments are expanded; at most ${limits.maxCost} are allowed.`,
      { fields, maxCost: limits.maxCost },
    );
  }
  // Aliases are how one request asks for the same expensive field many times over.
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  if (aliases > limits.maxAliases) {
    throw tooComplex(`The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed.`, {
      aliases,
      maxAliases: limits.maxAliases,
    });
  }
  const rootFields = rootFieldCount(document, operationName);
  if (rootFields > limits.maxRootFields) {
    throw tooComplex(`The query asks for ${rootFields} root fields; at most ${limits.maxRootFields} are allowed.`, {
      rootFields,
      maxRootFields: limits.maxRootFields,
    });
  }
}

/** Root fields of the chosen operation, through fragments spread at the root (each measured once). */
function rootFieldCount(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const measured = new Map<string, number>();
  const measuring = new Set<string>();
  const count = (set: SelectionSetNode | undefined): number =>
    (set?.selections ?? []).reduce((sum, sel) => {
      if (sel.kind === Kind.FIELD) return sum + (sel.name.value === '__typename' ? 0 : 1);
      if (sel.kind === Kind.INLINE_FRAGMENT) return sum + count(sel.selectionSet);
      const name = sel.name.value;
      if (measuring.has(name)) return sum;
      if (!measured.has(name)) {
        measuring.add(name);
        measured.set(name, count(fragments.get(name)?.selectionSet));
        measuring.delete(name);
      }
      return sum + measured.get(name)!;
    }, 0);
  const operations = document.definitions.filter(
    (def): def is OperationDefinitionNode =>
      def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName),
  );
  return Math.max(0, ...operations.map((op) => count(op.selectionSet)));
}

/**
 * The estimated cost of the chosen operation. The calculator coerces the variables itself and
 * throws graphql-js' coercion error when one is wrong ("Variable "$l" got invalid value …"),
 * which carries no code and would be masked as an internal error (HTTP 500); it is the caller's
 * mistake, so it is answered as BAD_USER_INPUT (HTTP 400), as execution would have.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  // The calculator crashes (a TypeError, masked as a 500) on an operation the schema has no root for.
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION || (operationName && def.name?.value !== operationName)) continue;
    if (!schema.getRootType(def.operation)) {
      throw new GraphQLError(`This API has no ${def.operation} operations.`, {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
  }
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [fieldExtensionsEstimator(), pageEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Also "Schema is not configured to execute subscription operation": asking for what does not exist.
    if (error instanceof GraphQLError && /^(Variable "\$\w+" |Schema is not configured)/.test(error.message)) {
      throw new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
    throw error;
  }
}

export function checkCost(cost: number, maxCost: number): void {
  if (cost > maxCost) {
    throw tooComplex(
      `The query would cost ${cost} points; at most ${maxCost} are allowed. Ask for smaller pages or fewer fields.`,
      { cost, maxCost },
    );
  }
}

/**
 * Most tokens a query text may have; graphql-js' parser stops counting there (GRAPHQL_PARSE_FAILED,
 * HTTP 400). The depth and cost checks run only after parsing and validation, so they cannot protect
 * those: validation compares same-named fields pairwise (10,000 aliases of one field held the server
 * over 15 s), and parsing and literal coercion recurse per nesting level (5,000 levels overflowed the
 * stack, a masked 500). Nesting needs two tokens a level, so this caps it too. The console's largest
 * operation has a few hundred tokens.
 */
export const MAX_QUERY_TOKENS = 5000;

/** Deepest bracket nesting ({, [, () a query text may have. */
export const MAX_QUERY_NESTING = 64;

/**
 * Refuses a query text whose brackets nest deeper than MAX_QUERY_NESTING, reading it with the
 * lexer (iterative, linear) before anything recursive sees it: the parser itself overflows the
 * stack at a few thousand levels of `[[[…]]]`, which surfaces as a 500. Runs in front of Apollo
 * (server.ts), since an Apollo hook that throws before parsing is answered as a 500 too.
 * Returns the refusal, or null; lexing errors are left to the parser to report.
 */
export function queryNestingError(query: unknown): GraphQLError | null {
  if (typeof query !== 'string') return null;
  const lexer = new Lexer(new Source(query));
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
        if (++nesting > MAX_QUERY_NESTING) {
          return new GraphQLError(`The query nests brackets more than ${MAX_QUERY_NESTING} deep.`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', maxNesting: MAX_QUERY_NESTING },
          });
        }
      } else if (
        token.kind === TokenKind.BRACE_R ||
        token.kind === TokenKind.BRACKET_R ||
        token.kind === TokenKind.PAREN_R
      ) {
        nesting--;
      }
    }
  } catch {
    return null;
  }
  return null;
}
