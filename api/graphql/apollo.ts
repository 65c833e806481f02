/** The Apollo Server: schema, request policy (limits, budget, deadline), error masking, kept answers. Transport-agnostic (server.ts mounts it). */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Context } from '../context.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { createErrorFormatter, UNAVAILABLE_RETRY_SECONDS, type ErrorLogger } from '../errors.js';
import { MAX_QUERY_TOKENS } from './limits.js';
import { requestPolicyPlugin, type PolicyDeps } from './request-policy.js';
import { keepAnswersPlugin, type AnswerCache } from './answer-cache.js';

export function createApollo(policy: PolicyDeps, logError: ErrorLogger, answers: AnswerCache): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: policy.schema,
    introspection: policy.settings.introspection !== 'off',
    includeStacktraceInErrorResponses: false,
    // Only our trusted documents are accepted by id (see trusted-documents.ts); clients may not register their own.
    persistedQueries: false,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    // Cache-Control is `no-store` on every /graphql answer (http/edge.ts), so Apollo's plugin,
    // which would run a hook on every field of every answer to work out the same, is off.
    plugins: [
      requestPolicyPlugin(policy),
      unavailableStatus,
      keepAnswersPlugin(answers),
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: createErrorFormatter(logError),
    csrfPrevention: true,
    // The process owns SIGTERM/SIGINT (main.ts drains HTTP, the relay and the stores in order).
    // Apollo's own handler would call stop() first, and a second stop() during it never returns
    // (@apollo/server 5.5 does not resolve its stop barrier on success): that was the hung stop.
    stopOnTerminationSignals: false,
  });
}

/** An answer that failed because the database is down is HTTP 503 with Retry-After, not 200. */
const unavailableStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (!errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
      },
    };
  },
};
