/**
 * The HTTP server: GraphQL at /graphql, health at /healthz and /readyz, and the built Vue console
 * (dist/web) at every other GET path, so one port serves everything.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expressMiddleware } from '@as-integrations/express5';
import type { EntityManager } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { instrumentAnalytics } from '../analytics/instrumented.js';
import type { Config } from './config.js';
import { resolveViewer, type Viewer } from './auth/viewer.js';
import { createContext, type AppServices } from './context.js';
import type { Database } from './db/orm.js';
import { isDatabaseUnavailable, serviceUnavailable, timedOut } from './errors.js';
import { createApollo } from './graphql/apollo.js';
import { serveKeptAnswers } from './graphql/answer-cache.js';
import { CostBudget } from './graphql/cost-budget.js';
import { queryNestingError } from './graphql/limits.js';
import { chargeCost } from './graphql/request-policy.js';
import { maxInputFields, variablesShapeError } from './graphql/variables-guard.js';
import { loadTrustedDocuments, resolveDocumentIds, type TrustedDocuments } from './graphql/trusted-documents.js';
import { currentRequest, enterRequestScope, openRequestScope, scopeOf } from './http/request-scope.js';
import { createRateLimits } from './http/rate-limits.js';
import { baseSecurityHeaders, consoleSecurityHeaders, metricsGuard, noStore } from './http/edge.js';
import { errorFields, type Logger } from './logger.js';
import type { AppMetrics } from './metrics.js';

export interface ReadinessProbe {
  ping(): Promise<boolean>;
}

export interface ServerDeps {
  config: Pick<
    Config,
    'graphql' | 'host' | 'port' | 'rateLimits' | 'trustProxy' | 'shutdownDrainSeconds' | 'metricsToken'
  >;
  db: Database;
  analytics: ReadinessProbe;
  schema: GraphQLSchema;
  services: AppServices;
  logger: Logger;
  /** Extra facts for /readyz, e.g. relay lag; they inform but do not decide readiness. */
  readinessDetails?: () => Promise<Record<string, unknown>>;
  /** Served at /metrics in the Prometheus text format, and fed by every request. */
  metrics?: AppMetrics;
  /** The console's operations, runnable by id; default: schema/operations. */
  trustedDocuments?: TrustedDocuments;
  webDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Graceful stop: refuses new connections, answers /readyz with 503, lets requests in flight
   * finish (up to SHUTDOWN_DRAIN_SECONDS, then cuts them off), and stops Apollo.
   */
  close(): Promise<void>;
}

/** Where the built console is: dist/web next to the compiled api/, or under the repo root in tests. */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../web'), path.resolve(here, '../dist/web')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[1];
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { db, analytics, schema, logger, metrics, config } = deps;
  const services: AppServices = {
    ...deps.services,
    // Statistics reads are timed and bound to the request's deadline.
    analytics: instrumentAnalytics(deps.services.analytics, {
      guard: () => {
        const scope = currentRequest();
        return scope && { signal: scope.signal, remainingMs: scope.deadline - Date.now() };
      },
      observe: (seconds, outcome) => metrics?.clickhouseDuration.observe({ outcome }, seconds),
      aborted: () => timedOut(),
    }),
  };
  // Catalog names are cached per process; a catalog change anywhere drops them (catalog-names.ts).
  const stopCatalogListen = await db.listen('sqa_catalog', () => {
    deps.services.catalogNames.invalidate();
    deps.services.answers.clear();
  });
  // Resolved viewers likewise: a session, key or account changed anywhere (viewer-cache.ts).
  const stopAuthListen = await db.listen('sqa_auth', () => deps.services.viewers.clear());
  const documents = deps.trustedDocuments ?? loadTrustedDocuments();
  const budget = new CostBudget();
  const apollo = createApollo(
    { schema, settings: config.graphql, budget, documents, metrics },
    (error) => (currentRequest()?.logger ?? logger).error('graphql.internal_error', errorFields(error)),
    deps.services.answers,
  );
  await apollo.start();
  const rateLimits = createRateLimits(config.rateLimits, metrics);
  // Once per request, whichever asks first: the answer cache or Apollo's context.
  const viewerOf = (req: express.Request, res: express.Response): Promise<Viewer> =>
    (res.locals.viewer ??= deps.services.viewers
      .resolve(req.headers, () => resolveViewer(db.orm.em.fork() as EntityManager, req.headers, deps.services.tokens))
      .catch((error: unknown) => {
        throw isDatabaseUnavailable(error) ? serviceUnavailable() : error;
      })) as Promise<Viewer>;
  const clientChecked = (res: express.Response, viewer: Viewer): Promise<void> =>
    (res.locals.clientCheck ??= rateLimits.checkClient(viewer)) as Promise<void>;
  const maxVariableFields = maxInputFields(schema);

  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: every /graphql answer is `no-store`, and hashing each body cost time;
  // the console's files get theirs from express.static.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const started = Date.now();
  let draining = false;

  app.use(openRequestScope({ logger, metrics, timeoutMs: config.graphql.timeoutMs }));
  app.use(baseSecurityHeaders);
  app.use((_req, res, next) => {
    // Keep-alive clients learn to reconnect elsewhere while this instance drains.
    if (draining) res.setHeader('connection', 'close');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });

  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    const [postgres, clickhouse] = await Promise.all([db.ping(), analytics.ping()]);
    const ready = postgres && clickhouse;
    const details = postgres && deps.readinessDetails ? await deps.readinessDetails().catch(() => ({})) : {};
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', postgres, clickhouse, ...details });
  });

  app.get('/metrics', metricsGuard(config.metricsToken), async (_req, res) => {
    if (!metrics) return void res.status(404).end();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(
    '/graphql',
    noStore,
    rateLimits.perIp,
    express.json({ limit: config.graphql.maxBodyBytes }),
    // Brackets nested deeper than the parser can recurse are refused before anything parses them.
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const body = req.body as { query?: unknown; variables?: unknown } | undefined;
      const refused = queryNestingError(body?.query) ?? variablesShapeError(body?.variables, maxVariableFields);
      if (refused) return void res.status(400).json({ errors: [refused.toJSON()] });
      next();
    },
    resolveDocumentIds(documents),
    enterRequestScope(),
    serveKeptAnswers({
      cache: deps.services.answers,
      viewerOf,
      clientChecked,
      charge: (viewer, ip, requested) =>
        chargeCost({ settings: config.graphql, budget, metrics }, { viewer, ip }, requested),
    }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = await viewerOf(req, res);
        await clientChecked(res, viewer);
        return createContext(() => db.orm.em.fork(), viewer, services, scopeOf(res));
      },
    }),
  );
  // Body-parser refusals (too large, not JSON) as GraphQL errors rather than an HTML page.
  app.use(
    '/graphql',
    (
      error: { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (!error?.status || error.status >= 500) return next(error);
      const tooLarge = error.type === 'entity.too.large';
      res.status(error.status).json({
        errors: [
          {
            message: tooLarge
              ? `The request body is larger than ${config.graphql.maxBodyBytes} bytes.`
              : 'The request body is not valid JSON.',
            extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
          },
        ],
      });
    },
  );

  const webDir = deps.webDir ?? defaultWebDir();
  app.use(consoleSecurityHeaders, express.static(webDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|healthz|readyz|metrics).*/, consoleSecurityHeaders, (_req, res) => {
    const index = path.join(webDir, 'index.html');
    if (fs.existsSync(index)) res.set('Cache-Control', 'no-cache').sendFile(index);
    else res.status(404).type('text/plain').send('The console is not built. Run `npm run build:web`.');
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        draining = true;
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        // server.close() closes the connections idle now; a keep-alive connection whose request
        // finishes later would stay open until the drain deadline, so keep closing them as they idle.
        server.closeIdleConnections();
        const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'timeout'>(
          (resolve) => (timer = setTimeout(() => resolve('timeout'), config.shutdownDrainSeconds * 1000)),
        );
        if ((await Promise.race([drained, deadline])) === 'timeout')
          logger.warn('shutdown: requests still in flight after the drain period were cut off');
        clearTimeout(timer);
        clearInterval(idleSweep);
        server.closeAllConnections();
        await drained;
        await apollo.stop();
        await stopCatalogListen();
        await stopAuthListen();
      })();
      return closing;
    },
  };
}
