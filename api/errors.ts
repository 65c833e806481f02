/**
 * One error vocabulary for the API. Expected failures are AppErrors with a stable
 * `extensions.code`; anything else is logged whole and reaches the client only as a masked
 * INTERNAL_SERVER_ERROR, so no SQL, stack trace or file path ever leaves the server.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'TIMEOUT'
  | 'SERVICE_UNAVAILABLE';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, details);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in or send a valid API key.', reason?: string) =>
  new AppError('UNAUTHENTICATED', message, { ...(reason ? { reason } : {}), http: { status: 401 } });
/** HTTP 429 with Retry-After; `extensions.retryAfterSeconds` says the same to GraphQL clients. */
export const rateLimited = (message: string, retryAfterSeconds: number, details?: Record<string, unknown>) =>
  new AppError('RATE_LIMITED', message, {
    retryAfterSeconds,
    ...details,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
  });
/** A limit on the shape or cost of a query: the request is refused before anything runs (HTTP 400). */
export const tooComplex = (message: string, details: Record<string, unknown>) =>
  new AppError('QUERY_TOO_COMPLEX', message, { ...details, http: { status: 400 } });
export const timedOut = (message = 'The request ran out of time and was stopped. Ask for less, or try again later.') =>
  new AppError('TIMEOUT', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', message, details);

/** Seconds a client is told to wait before retrying when the database cannot be reached. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/** The database cannot be reached: HTTP 503 with Retry-After, so clients know to retry. */
export const serviceUnavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 'The database cannot be reached right now. Try again shortly.', {
    retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
    http: { status: 503, headers: new HeaderMap([['retry-after', String(UNAVAILABLE_RETRY_SECONDS)]]) },
  });

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const CONNECTION_MESSAGES =
  /PGlite is closed|Connection terminated|connection (is )?closed|Cannot use a pool after calling end|pool (is )?(closed|draining|ended)|driver has already been destroyed|timeout exceeded when trying to connect|the database system is (shutting down|starting up)|is not currently accepting connections/i;

/** Whether an error (or one of its causes) says the database cannot be reached, as opposed to a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth++) {
    if (e instanceof GraphQLError) {
      e = e.originalError;
      continue;
    }
    const { code, message, name, cause } = e as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
    if (name === 'ConnectionException') return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    e = cause ?? (e as { previous?: unknown }).previous;
  }
  return false;
}

/** Codes produced by graphql-js and Apollo themselves for bad requests; safe to pass through. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
]);

export type ErrorLogger = (error: unknown) => void;

/** Apollo `formatError`: keep expected errors, translate validation errors, mask the rest. */
export function createErrorFormatter(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof ArgumentValidationError) {
      return {
        message: 'Some arguments are invalid: ' + describeValidation(original),
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', invalid: validationFields(original) },
      };
    }
    const code = formatted.extensions?.code;
    // A GraphQLError all the way down is an expected, client-facing error (ours, graphql-js' or
    // Apollo's); anything else underneath (a driver error, a bug) is masked.
    if (typeof code === 'string' && PASS_THROUGH.has(code) && rootCause(error) instanceof GraphQLError) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log(original);
    if (isDatabaseUnavailable(original)) {
      const unavailable = serviceUnavailable();
      return {
        message: unavailable.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
      };
    }
    return {
      message: 'Internal server error. The incident was logged; please try again later.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function validationFields(error: ArgumentValidationError): { field: string; problems: string[] }[] {
  const walk = (e: ValidationError, prefix: string): { field: string; problems: string[] }[] => {
    const field = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...(e.children ?? []).flatMap((c) => walk(c, field))];
  };
  return error.extensions.validationErrors.flatMap((e) => walk(e, ''));
}

function describeValidation(error: ArgumentValidationError): string {
  return validationFields(error)
    .map((f) => f.problems.join('; '))
    .join('; ');
}
