// The query limits measure a request's shape in time linear in its text, whatever its fragments do.
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationShape } from '../../api/graphql/limits.js';

/** F0 has two fields; F(i) spreads F(i-1) twice: F(n) expands to 2^n copies of F0. */
function fragmentExplosion(n: number) {
  const fragments = Array.from({ length: n + 1 }, (_, i) =>
    i === 0 ? 'fragment F0 on Query { departments { id } }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
  );
  return parse(`${fragments.join(' ')} query Q { ...F${n} }`);
}

describe('operationShape', () => {
  it('counts fields with fragments expanded, and the depth through them', () => {
    expect(operationShape(parse('query { a { ...F } b } fragment F on T { c { d } e }'))).toEqual({
      depth: 3,
      fields: 5,
    });
    expect(operationShape(fragmentExplosion(3))).toEqual({ depth: 2, fields: 2 * 8 });
  });

  it('measures a 2^40-field fragment explosion at once instead of expanding it', () => {
    const started = Date.now();
    expect(operationShape(fragmentExplosion(40))).toEqual({ depth: 2, fields: 2 * 2 ** 40 });
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('does not loop on a fragment cycle (validation refuses it, but the limits never hang)', () => {
    expect(
      operationShape(parse('query { ...A } fragment A on Query { x ...B } fragment B on Query { y ...A }')),
    ).toEqual({ depth: 1, fields: 2 });
  });
});

describe('query text limits', () => {
  it('leave room for every console operation', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { Lexer, Source, TokenKind } = await import('graphql');
    const { MAX_QUERY_TOKENS, queryNestingError } = await import('../../api/graphql/limits.js');
    const manifest = JSON.parse(fs.readFileSync(path.resolve('schema/trusted-documents.json'), 'utf8'));
    const documents = Object.entries(manifest as Record<string, string>);
    expect(documents.length).toBeGreaterThan(0);
    let largest = 0;
    for (const [file, text] of documents) {
      const lexer = new Lexer(new Source(text));
      let tokens = 0;
      while (lexer.advance().kind !== TokenKind.EOF) tokens++;
      largest = Math.max(largest, tokens);
      expect(queryNestingError(text), file).toBeNull();
    }
    // What the console sends: one operation and its fragments, with room to grow.
    expect(largest).toBeLessThan(MAX_QUERY_TOKENS / 2);
  });
});
