import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeStores, loadConfig } from '../../api/config.js';

describe('config', () => {
  it('runs on embedded stores under ./data by default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.postgres).toEqual({ mode: 'embedded', dir: path.resolve('data/pg') });
    expect(config.clickhouse).toMatchObject({ mode: 'embedded', dir: path.resolve('data/ch') });
    expect(describeStores(config)).toBe('Postgres: embedded PGlite ./data/pg, ClickHouse: embedded chDB ./data/ch');
  });

  it('switches to servers with one setting each, never printing passwords', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:secret@db:5432/sqa', CLICKHOUSE_URL: 'http://ch:8123' });
    expect(config.postgres).toEqual({
      mode: 'server',
      url: 'postgres://u:secret@db:5432/sqa',
      preparedStatements: true,
    });
    expect(config.clickhouse).toMatchObject({ mode: 'server', url: 'http://ch:8123', database: 'customs_sqa' });
    expect(describeStores(config)).not.toContain('secret');
  });

  it('keeps instances apart with PORT, HOST and DATA_DIR', () => {
    const config = loadConfig({ PORT: '4100', HOST: '0.0.0.0', DATA_DIR: '/tmp/sqa-b' });
    expect(config).toMatchObject({ port: 4100, host: '0.0.0.0', dataDir: '/tmp/sqa-b' });
    expect(config.postgres).toEqual({ mode: 'embedded', dir: '/tmp/sqa-b/pg' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['CLICKHOUSE_URL', 'ch:8123'],
    ['CLICKHOUSE_DATABASE', 'bad-name;drop'],
    ['DEMO_DATA', 'maybe'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${name}=`);
    expect((error as Error).message).toContain('.env.example');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).postgres.mode).toBe('embedded');
  });

  it('reads the API limits, budgets and shutdown settings', () => {
    const defaults = loadConfig({});
    expect(defaults.graphql).toMatchObject({
      introspection: 'authenticated',
      maxAliases: 30,
      maxRootFields: 10,
      maxBodyBytes: 262144,
      timeoutMs: 25000,
      costBudgetPerHour: 1_000_000,
      anonymousCostBudgetPerHour: 100_000,
      trustedDocumentsForSessions: false,
    });
    expect(defaults.rateLimits).toEqual({ perKeyPerMinute: 600, perIpPerMinute: 1200 });
    expect(defaults.trustProxy).toBe(false);
    expect(defaults.shutdownDrainSeconds).toBe(15);
    const set = loadConfig({
      GRAPHQL_INTROSPECTION: 'false',
      TRUST_PROXY: '1',
      GRAPHQL_TRUSTED_DOCUMENTS_FOR_SESSIONS: 'true',
      SHUTDOWN_DRAIN_SECONDS: '2.5',
    });
    expect(set.graphql.introspection).toBe('off');
    expect(set.graphql.trustedDocumentsForSessions).toBe(true);
    expect(set.trustProxy).toBe(1);
    expect(set.shutdownDrainSeconds).toBe(2.5);
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'true', TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toMatchObject({
      graphql: { introspection: 'all' },
      trustProxy: 'loopback, 10.0.0.0/8',
    });
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'sometimes' })).toThrow(
      /GRAPHQL_INTROSPECTION="sometimes": must be authenticated, true or false/,
    );
    expect(() => loadConfig({ RATE_LIMIT_PER_IP_PER_MINUTE: '0' })).toThrow(ConfigError);
  });
});
