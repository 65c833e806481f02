/**
 * Each HTTP request's scope: an id (the caller's `x-request-id` if it is sane, else a new one,
 * echoed in the response), a logger that stamps the id on every line, and a deadline whose
 * AbortSignal also fires when the client goes away. Code deeper down (resolvers, the ClickHouse
 * wrapper) reads the scope through `currentRequest()`; one access-log line and the HTTP metrics
 * are written when the response ends.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import type { AppMetrics } from '../metrics.js';
import type { PendingAnswer } from '../graphql/answer-cache.js';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'none';

export interface RequestScope {
  id: string;
  logger: Logger;
  ip: string;
  /** Aborted at the deadline (reason: a DeadlineExceeded) or when the client disconnects. */
  signal: AbortSignal;
  /** Epoch milliseconds after which work for this request is abandoned. */
  deadline: number;
  /** Set once the GraphQL operation is known; labels the metrics. */
  operation: OperationType;
  /** Set when the answer cache may keep this request's answer (graphql/answer-cache.ts). */
  answer?: PendingAnswer;
}

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

const SANE_ID = /^[\w.:-]{1,128}$/;

export function scopeOf(res: Response): RequestScope {
  return res.locals.scope as RequestScope;
}

/** Opens the scope; `enterRequestScope` must follow the body parser (see there). */
export function openRequestScope(options: { logger: Logger; metrics?: AppMetrics; timeoutMs: number }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Read now: mounted routers rewrite req.url (and so req.path) while they handle the request.
    const path = req.path;
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DeadlineExceeded(`The request took longer than ${options.timeoutMs} ms.`)),
      options.timeoutMs,
    );
    timer.unref();
    const scope: RequestScope = {
      id,
      logger: options.logger.child({ requestId: id }),
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      signal: controller.signal,
      deadline: Date.now() + options.timeoutMs,
      operation: 'none',
    };
    res.locals.scope = scope;
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) controller.abort(new Error('The client closed the connection.'));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(path);
      const labels = { route, operation: scope.operation, status: String(res.statusCode) };
      options.metrics?.httpRequests.inc(labels);
      options.metrics?.httpDuration.observe(labels, seconds);
      if (route !== 'healthz' && route !== 'readyz' && route !== 'metrics') {
        scope.logger.info('request', {
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
          operation: scope.operation,
          finished: res.writableFinished,
        });
      }
    });
    next();
  };
}

/**
 * Makes the scope current for everything the request does next. It runs after the body parser
 * because the parser resumes from stream events, which carry the socket's async context, not ours.
 */
export function enterRequestScope(): RequestHandler {
  return (_req, res, next) => storage.run(scopeOf(res), next);
}

function routeOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['graphql', 'healthz', 'readyz', 'metrics'].includes(first) ? first : 'static';
}
