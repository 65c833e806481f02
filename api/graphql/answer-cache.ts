/**
 * Whole GraphQL answers to repeated statistics questions, kept in this process: a leader's
 * overview opened by many is answered before Apollo parses, validates or runs anything, at the
 * cost of resolving the viewer (itself cached) and one map lookup. The result cache below it
 * (analytics/resultCache.ts) saves the ClickHouse query; this one saves the GraphQL work around it
 * (about 1 ms of the one JS thread per request, which capped repeated questions near 900 req/s).
 *
 * What is kept: answers without errors to a query whose every root field is in ANSWERABLE_FIELDS,
 * fields answered from ClickHouse and catalog names alone. Keyed by the viewer's access
 * (`accessKey` in auth/permissions.ts: what the field rules and the statistics scope read), the
 * operation (document, operation name, variables, extensions); only for clients that accept plain
 * JSON.
 *
 * It can never be stale: it is emptied whenever the analytics result cache is (a relay batch here
 * or in another process, a rebuild, any write to ClickHouse) and whenever catalog names change
 * (NOTIFY sqa_catalog, also sent when an enterprise is renamed), and an answer computed across such
 * a change is not kept. An answer from here counts like any other: the per-client rate limit, and
 * the cost budget charged what the operation was priced at (its `extensions.cost` is the request's own).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { SizedLru } from '../../analytics/sizedLru.js';
import { accessKey } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { scopeOf } from '../http/request-scope.js';
import type { CostReport } from './request-policy.js';

/** Root fields whose answers depend only on ClickHouse, catalog names and the viewer's access. */
export const ANSWERABLE_FIELDS: ReadonlySet<string> = new Set(['ratingStatistics', 'ratingDrillDown', '__typename']);

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/** A kept answer without its cost report, which is the request's own (what its payer has left). */
interface Answer {
  /** The JSON of `data`, serialised once. */
  data: string;
  /** The answer's extensions other than `cost`. */
  extensions: Record<string, unknown>;
  /** What the operation was priced at: each answer from here is charged the same. */
  cost: number;
}

/** A request that may be kept: its key and the cache's generation when it started. */
export interface PendingAnswer {
  key: string;
  generation: number;
}

export class AnswerCache {
  private readonly entries: SizedLru<Answer>;
  private generation = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxBytes: number) {
    this.entries = new SizedLru(maxBytes);
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** Something an answer may depend on changed: none kept so far is served again. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  pending(key: string): PendingAnswer {
    return { key, generation: this.generation };
  }

  lookup(key: string): Answer | undefined {
    const found = this.entries.get(key);
    if (found) this.hits++;
    else this.misses++;
    return found;
  }

  keep(pending: PendingAnswer, answer: Answer): void {
    // A change landed while the answer was computed: it may predate the change.
    if (pending.generation !== this.generation) return;
    this.entries.set(pending.key, answer, 2 * (pending.key.length + answer.data.length));
  }

  stats(): AnswerCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.count, bytes: this.entries.bytes };
  }
}

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** What Apollo answers a single result as when the client accepts plain JSON (or anything). */
const CONTENT_TYPE = 'application/json; charset=utf-8';
const PLAIN_ACCEPT = new Set(['', '*/*', 'application/json']);

/** The key of a POSTed operation for this viewer, or null for a request the cache does not take. */
function answerKey(req: Request, viewer: Viewer): string | null {
  const body = req.body as GraphQLBody | undefined;
  if (req.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  if (typeof body.query !== 'string' || viewer.kind === 'anonymous') return null;
  // Other media types (application/graphql-response+json) are Apollo's to negotiate.
  if (!PLAIN_ACCEPT.has(req.headers.accept ?? '') || req.headers['x-dry-run'] !== undefined) return null;
  return JSON.stringify([
    accessKey(viewer),
    body.operationName ?? null,
    body.query,
    body.variables ?? null,
    body.extensions ?? null,
  ]);
}

export interface AnswerDeps {
  cache: AnswerCache;
  /** The request's viewer, resolved once per request (Apollo's context reuses it). */
  viewerOf(req: Request, res: Response): Promise<Viewer>;
  /** The per-client rate limit, checked once per request (likewise). */
  clientChecked(res: Response, viewer: Viewer): Promise<void>;
  /** Charges the client's cost budget as Apollo would (`chargeCost` in request-policy.ts). */
  charge(viewer: Viewer, ip: string, requested: number): CostReport;
}

/**
 * Serves a kept answer, or marks the request so that the plugin keeps its answer. Anything it
 * cannot settle (no viewer, a refused credential, a rate-limit refusal) goes on to Apollo, which
 * answers it as usual.
 */
export function serveKeptAnswers({ cache, viewerOf, clientChecked, charge }: AnswerDeps): RequestHandler {
  const served = async (req: Request, res: Response): Promise<boolean> => {
    const viewer = await viewerOf(req, res);
    const key = answerKey(req, viewer);
    if (key === null) return false;
    const kept = cache.lookup(key);
    if (!kept) {
      scopeOf(res).answer = cache.pending(key);
      return false;
    }
    await clientChecked(res, viewer);
    const scope = scopeOf(res);
    const cost = charge(viewer, scope.ip, kept.cost);
    scope.operation = 'query';
    // Apollo's own serialisation of a single result (runHttpQuery: fields in this order, then a newline).
    const extensions = JSON.stringify({ ...kept.extensions, cost });
    res.status(200).set('content-type', CONTENT_TYPE).send(`{"data":${kept.data},"extensions":${extensions}}\n`);
    return true;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (!cache.enabled) return next();
    served(req, res).then(
      (done) => done || next(),
      () => next(),
    );
  };
}

/** Keeps the answer of a request `serveKeptAnswers` marked, if it is one the cache may serve again. */
export function keepAnswersPlugin(cache: AnswerCache): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const pending = contextValue.request?.answer;
      if (!pending) return;
      return {
        async willSendResponse({ response, operation }) {
          if (!answerable(operation) || response.body.kind !== 'single') return;
          const { errors, data, extensions } = response.body.singleResult;
          const { cost, ...rest } = (extensions ?? {}) as { cost?: CostReport };
          if (errors || !data || !cost || cost.dryRun || (response.http.status ?? 200) !== 200) return;
          cache.keep(pending, { data: JSON.stringify(data), extensions: rest, cost: cost.requested });
        },
      };
    },
  };
}

function answerable(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && ANSWERABLE_FIELDS.has(s.name.value) && !s.directives?.length,
    )
  );
}
