/**
 * The GraphQL-over-HTTP audit of the `graphql-http` package against the real server, as an external
 * client with an API key (the audit introspects, which anonymous callers may not by default):
 * every MUST passes; the SHOULD results are printed and the known misses pinned, so a change shows.
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/server.js';

const api = useSeededApi();

const results: AuditResult[] = [];

describe('GraphQL over HTTP audit', () => {
  it('passes every MUST audit', async () => {
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) =>
      fetch(input, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-api-key': 'sqa_demo_analytics' },
      });
    for (const audit of serverAudits({ url: () => `${api.server.url}/graphql`, fetchFn })) {
      results.push(await audit.fn());
    }
    const failedMust = results.filter((r) => r.status === 'error');
    expect(failedMust.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });

  it('passes every SHOULD audit too, and reports the rest', () => {
    const count = (status: AuditResult['status']) => results.filter((r) => r.status === status).length;
    const others = results.filter((r) => r.status !== 'ok');
    console.log(
      `graphql-http audit: ${count('ok')} ok, ${count('warn')} SHOULD misses, ${count('notice')} MAY notices, ${count('error')} MUST failures of ${results.length}\n` +
        others.map((r) => `  ${r.status.toUpperCase()} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`).join('\n'),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.status === 'warn').map((r) => r.id)).toEqual([]);
  });

  it('refuses introspection to anonymous callers (the audit needs a key for that reason)', async () => {
    const res = await api.server.gql('{ __schema { queryType { name } } }');
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INTROSPECTION_REQUIRES_AUTH' });
    const keyed = await api.server.gql('{ __schema { queryType { name } } }', undefined, 'sqa_demo_analytics');
    expect(keyed.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});
