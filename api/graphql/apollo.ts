/** The Apollo Server: schema, request policy (limits, budget, deadline), error masking. Transport-agnostic (server.ts mounts it). */
import { ApolloServer } from '@apollo/server';
import type { Context } from '../context.js';
import { createErrorFormatter, type ErrorLogger } from '../errors.js';
import { MAX_QUERY_TOKENS } from './limits.js';
import { requestPolicyPlugin, type PolicyDeps } from './request-policy.js';

export function createApollo(policy: PolicyDeps, logError: ErrorLogger): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: policy.schema,
    introspection: policy.settings.introspection !== 'off',
    includeStacktraceInErrorResponses: false,
    // Only our trusted documents are accepted by id (see trusted-documents.ts); clients may not register their own.
    persistedQueries: false,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    plugins: [requestPolicyPlugin(policy)],
    formatError: createErrorFormatter(logError),
    csrfPrevention: true,
  });
}
