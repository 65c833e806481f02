/** The process-wide services every request shares, built once from the config. */
import type { AnalyticsStore } from '../analytics/clickhouse.js';
import { resolveAuthSecret } from './auth/auth-secret.js';
import { TokenService } from './auth/tokens.js';
import { ViewerCache } from './auth/viewer-cache.js';
import { CatalogNames } from './catalog/catalog-names.js';
import type { Config } from './config.js';
import type { AppServices } from './context.js';

export function createAppServices(
  config: Pick<
    Config,
    'auth' | 'dataDir' | 'rating' | 'cases' | 'surveys' | 'accounts' | 'messages' | 'privacy' | 'login'
  >,
  analytics: AnalyticsStore,
  clock: () => Date = () => new Date(),
): AppServices {
  return {
    clock,
    analytics,
    tokens: new TokenService(resolveAuthSecret(config), config.auth.tokenTtlMinutes, clock),
    viewers: new ViewerCache(config.auth.cacheSeconds, clock),
    catalogNames: new CatalogNames(),
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
