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
    expect(config.postgres).toEqual({ mode: 'server', url: 'postgres://u:secret@db:5432/sqa' });
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
});
