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
import type { Registry } from 'prom-client';
import type { Config } from './config.js';
import { resolveViewer } from './auth/viewer.js';
import { createContext, type AppServices } from './context.js';
import type { Database } from './db/orm.js';
import { createApollo } from './graphql/apollo.js';
import { queryNestingError } from './graphql/limits.js';
import { errorFields, type Logger } from './logger.js';

export interface ReadinessProbe {
  ping(): Promise<boolean>;
}

export interface ServerDeps {
  config: Pick<Config, 'graphql' | 'host' | 'port'>;
  db: Database;
  analytics: ReadinessProbe;
  schema: GraphQLSchema;
  services: AppServices;
  logger: Logger;
  /** Extra facts for /readyz, e.g. relay lag; they inform but do not decide readiness. */
  readinessDetails?: () => Promise<Record<string, unknown>>;
  /** Served at /metrics in the Prometheus text format. */
  metrics?: Registry;
  webDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Where the built console is: dist/web next to the compiled api/, or under the repo root in tests. */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../web'), path.resolve(here, '../dist/web')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[1];
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { db, analytics, schema, logger } = deps;
  const apollo = createApollo(schema, deps.config.graphql, (error) => logger.error('graphql.internal_error', errorFields(error)));
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  const started = Date.now();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });

  app.get('/readyz', async (_req, res) => {
    const [postgres, clickhouse] = await Promise.all([db.ping(), analytics.ping()]);
    const ready = postgres && clickhouse;
    const details = postgres && deps.readinessDetails ? await deps.readinessDetails().catch(() => ({})) : {};
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', postgres, clickhouse, ...details });
  });

  app.get('/metrics', async (_req, res) => {
    if (!deps.metrics) return void res.status(404).end();
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const refused = queryNestingError((req.body as { query?: unknown } | undefined)?.query);
      if (refused) return void res.status(400).json({ errors: [refused.toJSON()] });
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = db.orm.em.fork() as EntityManager;
        return createContext(em, await resolveViewer(em, req.headers, deps.services.tokens), deps.services);
      },
    }),
  );

  // Body-parser refusals (not JSON, too large) as JSON errors, not Express's HTML page with a stack
  // trace. (Branch api-hardening has the same handler with its configurable limit: keep that one.)
  app.use('/graphql', (error: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!error?.status || error.status >= 500) return next(error);
    const tooLarge = error.type === 'entity.too.large';
    res.status(error.status).json({
      errors: [{ message: tooLarge ? 'The request body is too large.' : 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  const webDir = deps.webDir ?? defaultWebDir();
  app.use(express.static(webDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|healthz|readyz|metrics).*/, (_req, res) => {
    const index = path.join(webDir, 'index.html');
    if (fs.existsSync(index)) res.set('Cache-Control', 'no-cache').sendFile(index);
    else res.status(404).type('text/plain').send('The console is not built. Run `npm run build:web`.');
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.port, deps.config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : deps.config.port;
  return {
    url: `http://${deps.config.host}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
