// The ClickHouse migration runner's pure parts: naming, ordering, statement splitting,
// checksums and finding the migrations folder from source or from a compiled build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  defaultMigrationsDir,
  migrationChecksum,
  orderMigrations,
  parseMigrationName,
  resolveMigrationsDir,
  splitStatements,
} from '../../analytics/migrate.js';

describe('orderMigrations', () => {
  it('orders by number, numerically: 001 < 002 < 010 < 1000', () => {
    const names = ['010_c.sql', '1000_d.sql', '002_b.sql', '001_a.sql'];
    expect(orderMigrations(names).map((m) => m.name)).toEqual(['001_a.sql', '002_b.sql', '010_c.sql', '1000_d.sql']);
  });

  it('ignores files that are not .sql', () => {
    expect(orderMigrations(['README.md', '001_a.sql', '.DS_Store']).map((m) => m.name)).toEqual(['001_a.sql']);
  });

  it('rejects two migrations with the same number', () => {
    expect(() => orderMigrations(['002_a.sql', '002_b.sql'])).toThrow(/share the number 2/);
  });

  it('rejects a badly named .sql file instead of skipping it', () => {
    expect(() => orderMigrations(['001_a.sql', 'add-index.sql'])).toThrow(/Bad migration file name "add-index.sql"/);
  });
});

describe('parseMigrationName', () => {
  it('reads the number', () => {
    expect(parseMigrationName('042_case_facts.sql')).toEqual({ name: '042_case_facts.sql', number: 42 });
  });

  it.each(['1_short.sql', '001-dash.sql', '001_Upper.sql', '001_.sql', '001_a.SQL', '001_a b.sql', 'abc_x.sql'])(
    'rejects %s',
    (name) => {
      expect(() => parseMigrationName(name)).toThrow(/Bad migration file name/);
    },
  );
});

describe('splitStatements', () => {
  it('splits on ; at the end of statements and drops empty ones', () => {
    const sql = 'CREATE TABLE a (x UInt8) ENGINE = Memory;\n\nCREATE TABLE b (y UInt8) ENGINE = Memory;\n;\n';
    expect(splitStatements(sql)).toEqual([
      'CREATE TABLE a (x UInt8) ENGINE = Memory',
      'CREATE TABLE b (y UInt8) ENGINE = Memory',
    ]);
  });

  it('keeps the last statement without a trailing ;', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('does not split inside strings or quoted identifiers, including escaped quotes', () => {
    const sql = "INSERT INTO t VALUES ('a;b', 'it''s; ok', 'back\\'slash;');\nSELECT `we;ird`, \"x;y\" FROM t;";
    expect(splitStatements(sql)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; ok', 'back\\'slash;')",
      'SELECT `we;ird`, "x;y" FROM t',
    ]);
  });

  it('drops comments, including ones containing ; and comment-only chunks', () => {
    const sql = [
      '-- header; explains things;',
      'CREATE TABLE a (x UInt8) -- trailing; comment',
      'ENGINE = Memory; /* block; comment */',
      '-- only a comment;',
    ].join('\n');
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (x UInt8) \nENGINE = Memory']);
  });

  it('keeps -- inside a string', () => {
    expect(splitStatements("SELECT '--not a comment;'")).toEqual(["SELECT '--not a comment;'"]);
  });

  it('rejects an unterminated string', () => {
    expect(() => splitStatements("SELECT 'oops;")).toThrow(/Unterminated ' quote/);
  });

  it('splits the shipped 001 migration into one CREATE TABLE', () => {
    const sql = fs.readFileSync(path.join(defaultMigrationsDir(), '001_rating_facts.sql'), 'utf8');
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS rating_facts/);
  });
});

describe('migrationChecksum', () => {
  it('is stable across line endings and changes with content', () => {
    expect(migrationChecksum('SELECT 1;\r\nSELECT 2;\r\n')).toBe(migrationChecksum('SELECT 1;\nSELECT 2;\n'));
    expect(migrationChecksum('SELECT 1;')).not.toBe(migrationChecksum('SELECT 2;'));
    expect(migrationChecksum('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('resolveMigrationsDir', () => {
  it('finds the source folder from the source module', () => {
    const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
    expect(defaultMigrationsDir()).toBe(path.join(repoRoot, 'analytics', 'migrations'));
  });

  it('finds the source folder from a compiled dist/analytics module', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-migdir-'));
    try {
      fs.mkdirSync(path.join(root, 'analytics', 'migrations'), { recursive: true });
      fs.mkdirSync(path.join(root, 'dist', 'analytics'), { recursive: true });
      expect(resolveMigrationsDir(path.join(root, 'dist', 'analytics'))).toBe(
        path.join(root, 'analytics', 'migrations'),
      );
      expect(resolveMigrationsDir(path.join(root, 'analytics'))).toBe(path.join(root, 'analytics', 'migrations'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('prefers migrations/ next to the module when a build copies them', () => {
    const seen = new Set(['/app/dist/analytics/migrations', '/app/analytics/migrations']);
    expect(resolveMigrationsDir('/app/dist/analytics', (p) => seen.has(p))).toBe('/app/dist/analytics/migrations');
  });

  it('says where it looked when there is no folder', () => {
    expect(() => resolveMigrationsDir('/nowhere/dist/analytics', () => false)).toThrow(
      /not found; looked in \/nowhere\/dist\/analytics\/migrations and \/nowhere\/analytics\/migrations/,
    );
  });
});
