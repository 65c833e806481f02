/**
 * Request-rate limits (rate-limiter-flexible, in process memory): per IP address in front of
 * /graphql, before the body is even parsed, and per client (API key or signed-in account) once
 * the viewer is known. Refusals are HTTP 429 with Retry-After and a RATE_LIMITED GraphQL error.
 */
import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Viewer } from '../auth/viewer.js';
import { rateLimited } from '../errors.js';
import type { AppMetrics } from '../metrics.js';

export interface RateLimits {
  /** Express middleware for the per-IP limit. */
  perIp: RequestHandler;
  /** Throws RATE_LIMITED when this client has used up its requests for the minute. */
  checkClient(viewer: Viewer): Promise<void>;
}

export function createRateLimits(
  settings: { perKeyPerMinute: number; perIpPerMinute: number },
  metrics?: AppMetrics,
): RateLimits {
  const byIp = new RateLimiterMemory({ points: settings.perIpPerMinute, duration: 60, keyPrefix: 'ip' });
  const byClient = new RateLimiterMemory({ points: settings.perKeyPerMinute, duration: 60, keyPrefix: 'client' });
  return {
    perIp: (req, res, next) => {
      byIp.consume(req.ip ?? req.socket.remoteAddress ?? 'unknown').then(
        () => next(),
        (refusal: unknown) => {
          if (!(refusal instanceof RateLimiterRes)) return next(refusal);
          metrics?.rejections.inc({ reason: 'ip_rate' });
          const seconds = retryAfter(refusal);
          res
            .status(429)
            .set('retry-after', String(seconds))
            .json({
              errors: [
                {
                  message: `Too many requests from this address; at most ${settings.perIpPerMinute} a minute. Try again in ${seconds} s.`,
                  extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
                },
              ],
            });
        },
      );
    },
    async checkClient(viewer) {
      if (viewer.kind === 'anonymous') return;
      try {
        await byClient.consume(`${viewer.kind}:${viewer.id}`);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        metrics?.rejections.inc({ reason: 'key_rate' });
        const seconds = retryAfter(refusal);
        throw rateLimited(
          `Too many requests; at most ${settings.perKeyPerMinute} a minute. Try again in ${seconds} s.`,
          seconds,
        );
      }
    },
  };
}

function retryAfter(refusal: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}
