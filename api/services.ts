/** The process-wide services every request shares, built once from the config. */
import type { AnalyticsStore } from '../analytics/clickhouse.js';
import { resolveAuthSecret } from './auth/auth-secret.js';
import { TokenService } from './auth/tokens.js';
import { ViewerCache } from './auth/viewer-cache.js';
import { CatalogNames } from './catalog/catalog-names.js';
import { AnswerCache } from './graphql/answer-cache.js';
import type { Config } from './config.js';
import type { AppServices } from './context.js';

export function createAppServices(
  config: Pick<
    Config,
    'auth' | 'dataDir' | 'rating' | 'cases' | 'surveys' | 'accounts' | 'messages' | 'privacy' | 'login' | 'answerCache'
  >,
  analytics: AnalyticsStore,
  clock: () => Date = () => new Date(),
): AppServices {
  // Without a result cache nothing tells this process that ClickHouse changed: no answers kept.
  const answers = new AnswerCache(analytics.cache ? config.answerCache.maxBytes : 0);
  analytics.cache?.onInvalidate(() => answers.clear());
  return {
    clock,
    analytics,
    tokens: new TokenService(resolveAuthSecret(config), config.auth.tokenTtlMinutes, clock),
    viewers: new ViewerCache(config.auth.cacheSeconds, clock),
    catalogNames: new CatalogNames(),
    answers,
    settings: {
      rating: config.rating,
      cases: config.cases,
      surveys: config.surveys,
      accounts: config.accounts,
      messages: config.messages,
      privacy: config.privacy,
      login: config.login,
    },
  };
}
