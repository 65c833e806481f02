/**
 * The HTTP edge outside GraphQL: security headers for the console, and the token in front of
 * `/metrics`. No helmet here: the few headers we need are set by hand.
 *
 * The console is served with a Content-Security-Policy that allows scripts only from our own
 * origin (the built console has no inline script; `test/integration/edge.test.ts` checks the
 * build), styles from our origin plus inline style attributes (Vue's style bindings and
 * ApexCharts set them), no framing by other sites, and no referrer sent to other origins.
 * `/graphql` gets the same nosniff/referrer/framing headers but no CSP, so that Apollo Sandbox
 * (a page loaded from Apollo's CDN) still works for developers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every response. */
export const baseSecurityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

/**
 * GraphQL answers hold one viewer's data: no cache on the way may keep them (Apollo's own
 * cache-control plugin, which said the same, is off: its per-field hook cost every request).
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** The console's pages and assets. */
export const consoleSecurityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
};

/** `/metrics` only with `Authorization: Bearer <METRICS_TOKEN>` when a token is set (else 401). */
export function metricsGuard(token: string | null): RequestHandler {
  const expected = token === null ? null : Buffer.from(token);
  return (req, res, next) => {
    if (expected === null) return next();
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    res.status(401).type('text/plain').send('Send Authorization: Bearer <METRICS_TOKEN>.');
  };
}
