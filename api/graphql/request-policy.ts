/**
 * What a GraphQL request is allowed, decided once the operation is known and before any resolver
 * runs, in this order: trusted documents (for signed-in users, when required), introspection
 * (signed-in clients only, when so configured), shape limits, the per-query cost limit, and the
 * client's hourly cost budget. A dry run (`x-dry-run: 1` or `extensions.dryRun`) stops after
 * pricing: nothing executes and nothing is charged. Every answer that got that far carries
 * `extensions.cost`; fields started after the request's deadline fail with TIMEOUT.
 */
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { Kind, visit, type GraphQLSchema } from 'graphql';
import type { GraphQLSettings } from '../config.js';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { AppError, rateLimited } from '../errors.js';
import type { AppMetrics } from '../metrics.js';
import type { CostBudget } from './cost-budget.js';
import { rememberedPricing } from './operation-pricing.js';
import type { TrustedDocuments } from './trusted-documents.js';

export interface CostReport {
  /** Points this operation was priced at. */
  requested: number;
  /** Points left in the client's hourly budget after it. */
  remaining: number;
  budgetPerHour: number;
  dryRun?: boolean;
}

export interface PolicyDeps {
  schema: GraphQLSchema;
  settings: GraphQLSettings;
  budget: CostBudget;
  documents: TrustedDocuments;
  metrics?: AppMetrics;
}

export function requestPolicyPlugin(deps: PolicyDeps): ApolloServerPlugin<Context> {
  const { schema, settings, documents, metrics } = deps;
  const price = rememberedPricing(schema, settings);
  return {
    async requestDidStart() {
      let cost: CostReport | undefined;
      return {
        async didResolveOperation(rc) {
          const { contextValue: ctx, document, request } = rc;
          ctx.request.operation = rc.operation?.operation ?? 'none';
          if (
            settings.trustedDocumentsForSessions &&
            ctx.viewer.kind === 'account' &&
            !documents.includes(request.query ?? '')
          ) {
            throw new AppError(
              'FORBIDDEN',
              'Signed-in users may run only the console’s own operations; API clients use an API key.',
              {
                reason: 'TRUSTED_DOCUMENT_REQUIRED',
                http: { status: 403 },
              },
            );
          }
          if (settings.introspection === 'authenticated' && ctx.viewer.kind === 'anonymous' && introspects(rc)) {
            throw new AppError('FORBIDDEN', 'Introspection is available to signed-in users and API keys.', {
              reason: 'INTROSPECTION_REQUIRES_AUTH',
              http: { status: 403 },
            });
          }
          const requested = price(rc.queryHash, document, request.operationName, request.variables ?? {});
          cost = chargeCost(deps, { viewer: ctx.viewer, ip: ctx.request.ip }, requested, isDryRun(rc));
        },
        async responseForOperation() {
          if (!cost?.dryRun) return null;
          return {
            http: { status: 200, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: null } },
          };
        },
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // GraphQL over HTTP: a client that accepts only application/json gets request errors
          // (parse, validation, variables) with 200; application/graphql-response+json keeps 4xx.
          const accept = request.http?.headers.get('accept') ?? '';
          if (
            response.http.status === 400 &&
            result.data === undefined &&
            /application\/json/.test(accept) &&
            !/graphql-response\+json/.test(accept)
          ) {
            response.http.status = 200;
          }
          if (cost) result.extensions = { ...result.extensions, cost };
          for (const error of result.errors ?? [])
            metrics?.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}

function isDryRun(rc: GraphQLRequestContext<Context>): boolean {
  const header = rc.request.http?.headers.get('x-dry-run');
  return header === '1' || header === 'true' || rc.request.extensions?.dryRun === true;
}

/**
 * Charges `requested` points to the payer's hourly budget (nothing on a dry run) and reports what
 * is left; RATE_LIMITED when the budget cannot pay. Also charged for an answer from the answer cache.
 */
export function chargeCost(
  deps: Pick<PolicyDeps, 'settings' | 'budget' | 'metrics'>,
  payer: { viewer: Viewer; ip: string },
  requested: number,
  dryRun = false,
): CostReport {
  const { subject, capacity } = budgetOf(payer, deps.settings);
  const answer = deps.budget.take(subject, capacity, requested, !dryRun);
  const cost = { requested, remaining: answer.remaining, budgetPerHour: capacity, ...(dryRun ? { dryRun } : {}) };
  if (!answer.allowed && !dryRun) {
    deps.metrics?.rejections.inc({ reason: 'cost_budget' });
    throw rateLimited(
      `This query costs ${requested} points and ${answer.remaining} of the ${capacity} an hour are left; try again in ${answer.retryAfterSeconds} s.`,
      answer.retryAfterSeconds ?? 1,
      { cost },
    );
  }
  return cost;
}

/** Whose bucket pays: the API key (its own budget, if set), the account, or the anonymous IP. */
function budgetOf({ viewer, ip }: { viewer: Viewer; ip: string }, settings: GraphQLSettings) {
  if (viewer.kind === 'apiKey')
    return { subject: `apiKey:${viewer.id}`, capacity: viewer.costBudgetPerHour ?? settings.costBudgetPerHour };
  if (viewer.kind === 'account') return { subject: `account:${viewer.id}`, capacity: settings.costBudgetPerHour };
  return { subject: `ip:${ip}`, capacity: settings.anonymousCostBudgetPerHour };
}

function introspects(rc: GraphQLRequestContext<Context>): boolean {
  let found = false;
  visit(rc.document!, {
    [Kind.FIELD]: (node) => {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}
