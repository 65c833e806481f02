/**
 * A tiny fetch-based GraphQL client: POSTs `{ documentId, variables, operationName }` (or `query`
 * for a document the server does not trust) to `/graphql` and returns `data`, or throws a
 * `GraphQLRequestError` whose `code` follows the API's error vocabulary (`extensions.code`), plus
 * `NETWORK` and `BAD_RESPONSE` for transport problems.
 * When the auth layer has registered a token source (`configureAuth`), requests carry
 * `Authorization: Bearer <token>`, and an UNAUTHENTICATED answer to a token is reported back.
 * Documents are the generated typed documents (`generated.ts`, one operation each), so a call's
 * result and variable types follow from the document it passes.
 */

import type { TypedDocumentString } from './generated';

export const GRAPHQL_ENDPOINT = '/graphql';

/** A console operation: the generated document of one operation, typed with its result and variables. */
export type Document<TResult, TVariables> = TypedDocumentString<TResult, TVariables>;

/** Codes produced by the client itself; server codes (UNAUTHENTICATED, FORBIDDEN, …) pass through. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

export type GraphQLVariables = Record<string, unknown>;

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';

  constructor(
    /** Stable machine-readable code: `errors[0].extensions.code`, `NETWORK` or `BAD_RESPONSE`. */
    readonly code: string,
    message: string,
    readonly details: {
      status?: number;
      operationName?: string;
      path?: ReadonlyArray<string | number>;
      /** The error's `extensions` as sent, untrusted; read them through helpers such as `invalidFieldsOf`. */
      extensions?: Readonly<Record<string, unknown>>;
    } = {},
  ) {
    super(message);
  }
}

interface GraphQLErrorPayload {
  message?: unknown;
  path?: unknown;
  extensions?: unknown;
}

/** How the client learns the bearer token and reports a token the API refused. */
export interface AuthHooks {
  token(): string | null;
  /** Called with the token that was refused (expired, revoked or unknown). */
  onUnauthenticated(token: string): void;
}

let auth: AuthHooks | null = null;

/** Register the auth layer's token source; `null` makes every request anonymous. */
export function configureAuth(hooks: AuthHooks | null): void {
  auth = hooks;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorPayload[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  endpoint?: string;
  /** Send no token (signing in must not be refused for a stale one). */
  anonymous?: boolean;
  /** Do not report an UNAUTHENTICATED answer to the auth layer (signing out). */
  ignoreUnauthenticated?: boolean;
}

const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The name of the first named operation in a document, if any. */
export function operationNameOf(document: string): string | undefined {
  return OPERATION_NAME.exec(document)?.[1];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const documentIds = new Map<string, Promise<string | undefined>>();

/** `sha256:<hex>` of the document's text, as the server keys trusted documents; none where Web Crypto is unavailable (plain http off localhost). */
function documentIdOf(document: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return Promise.resolve(undefined);
  let id = documentIds.get(document);
  if (!id) {
    id = subtle.digest('SHA-256', new TextEncoder().encode(document)).then(
      (digest) => 'sha256:' + Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
      () => undefined,
    );
    documentIds.set(document, id);
  }
  return id;
}

async function isUnknownDocument(response: Response): Promise<boolean> {
  const body: unknown = await response.json().catch(() => undefined);
  const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
  return errors.some(
    (e: unknown) => isObject(e) && isObject(e.extensions) && e.extensions.code === 'PERSISTED_QUERY_NOT_FOUND',
  );
}

/** Gateways answer with these when the API process itself is unreachable. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

export async function request<T, V extends GraphQLVariables>(
  typedDocument: Document<T, V>,
  variables: NoInfer<V>,
  options: RequestOptions = {},
): Promise<T> {
  const document = typedDocument.toString();
  const operationName = operationNameOf(document);
  const token = options.anonymous ? null : (auth?.token() ?? null);
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let response: Response;
  try {
    const send = (body: Record<string, unknown>) =>
      fetch(options.endpoint ?? GRAPHQL_ENDPOINT, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...authorization,
          ...options.headers,
        },
        body: JSON.stringify({ ...body, variables, operationName }),
        credentials: 'same-origin',
        signal: options.signal,
      });
    // The console's documents are trusted by the server: send the id, and the text only if the
    // server does not know it (e.g. an operation file edited while it runs).
    const documentId = await documentIdOf(document);
    response = await send(documentId ? { documentId } : { query: document });
    if (documentId && response.status === 400 && (await isUnknownDocument(response.clone())))
      response = await send({ query: document });
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
    const extensions = isObject(first.extensions) ? first.extensions : {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const message = typeof first.message === 'string' ? first.message : 'GraphQL error';
    const path = Array.isArray(first.path) ? (first.path as Array<string | number>) : undefined;
    if (code === 'UNAUTHENTICATED' && token && !options.ignoreUnauthenticated) auth?.onUnauthenticated(token);
    throw new GraphQLRequestError(code, message, { status, operationName, path, extensions });
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

/** One input field the API refused (`extensions.invalid` of a BAD_USER_INPUT error). */
export interface InvalidField {
  /** Path in the input, e.g. `items[0].reasonCodes` or `contactPhone`. */
  field: string;
  problems: string[];
}

/** The field problems a BAD_USER_INPUT error carries; empty for any other error or shape. */
export function invalidFieldsOf(error: GraphQLRequestError | null): InvalidField[] {
  const invalid = error?.details.extensions?.invalid;
  if (!Array.isArray(invalid)) return [];
  return invalid.flatMap((entry: unknown) => {
    if (!isObject(entry) || typeof entry.field !== 'string') return [];
    const problems = Array.isArray(entry.problems)
      ? entry.problems.filter((p): p is string => typeof p === 'string')
      : [];
    return [{ field: entry.field, problems }];
  });
}
