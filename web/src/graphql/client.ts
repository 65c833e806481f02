/**
 * A tiny fetch-based GraphQL client: POSTs `{ query, variables, operationName }` to `/graphql`
 * and returns `data`, or throws a `GraphQLRequestError` whose `code` follows the API's error
 * vocabulary (`extensions.code`), plus `NETWORK` and `BAD_RESPONSE` for transport problems.
 */

export const GRAPHQL_ENDPOINT = '/graphql';

/** Codes produced by the client itself; server codes (UNAUTHENTICATED, FORBIDDEN, …) pass through. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

export type GraphQLVariables = Record<string, unknown>;

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';

  constructor(
    /** Stable machine-readable code: `errors[0].extensions.code`, `NETWORK` or `BAD_RESPONSE`. */
    readonly code: string,
    message: string,
    readonly details: { status?: number; operationName?: string; path?: ReadonlyArray<string | number> } = {},
  ) {
    super(message);
  }
}

interface GraphQLErrorPayload {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorPayload[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  endpoint?: string;
}

const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The name of the first named operation in a document, if any. */
export function operationNameOf(document: string): string | undefined {
  return OPERATION_NAME.exec(document)?.[1];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Gateways answer with these when the API process itself is unreachable. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

export async function request<T, V extends GraphQLVariables = GraphQLVariables>(
  document: string,
  variables?: V,
  options: RequestOptions = {},
): Promise<T> {
  const operationName = operationNameOf(document);
  let response: Response;
  try {
    response = await fetch(options.endpoint ?? GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify({ query: document, variables: variables ?? {}, operationName }),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    // An abort is the caller's decision, not a failure to report.
    if (options.signal?.aborted) throw cause;
    throw new GraphQLRequestError('NETWORK', cause instanceof Error ? cause.message : 'Network request failed', {
      operationName,
    });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }

  const status = response.status;
  if (!isObject(body) || !('data' in body || 'errors' in body)) {
    const code = UNREACHABLE_STATUSES.has(status) ? 'NETWORK' : 'BAD_RESPONSE';
    throw new GraphQLRequestError(code, `Unexpected response from ${GRAPHQL_ENDPOINT} (HTTP ${status})`, {
      status,
      operationName,
    });
  }

  const { data, errors } = body as GraphQLResponse<T>;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    const message = typeof first.message === 'string' ? first.message : 'GraphQL error';
    const path = Array.isArray(first.path) ? (first.path as Array<string | number>) : undefined;
    throw new GraphQLRequestError(code, message, { status, operationName, path });
  }
  if (data === undefined || data === null) {
    throw new GraphQLRequestError('BAD_RESPONSE', 'GraphQL response carried no data', { status, operationName });
  }
  return data;
}

/** Normalise anything thrown during a request into a `GraphQLRequestError`. */
export function toRequestError(error: unknown): GraphQLRequestError {
  if (error instanceof GraphQLRequestError) return error;
  return new GraphQLRequestError('BAD_RESPONSE', error instanceof Error ? error.message : String(error));
}
