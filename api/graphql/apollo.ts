/** The Apollo Server: schema, limits, error masking. Transport-agnostic (server.ts mounts it). */
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { Context } from '../context.js';
import { createErrorFormatter, type ErrorLogger } from '../errors.js';
import { MAX_QUERY_TOKENS, queryLimitsPlugin } from './limits.js';

export function createApollo(schema: GraphQLSchema, limits: Config['graphql'], logError: ErrorLogger): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    introspection: limits.introspection,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    plugins: [queryLimitsPlugin(schema, limits)],
    formatError: createErrorFormatter(logError),
    csrfPrevention: true,
  });
}
