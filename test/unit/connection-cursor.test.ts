import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../api/graphql/connection.js';
import { operationDepth } from '../../api/graphql/limits.js';

describe('cursors', () => {
  it('round-trip ids and refuse anything else with BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor(123456))).toBe(123456);
    for (const bad of [
      '',
      'abc',
      Buffer.from('k1:-1').toString('base64url'),
      Buffer.from("k1:1' or 1=1").toString('base64url'),
    ]) {
      let error: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('operation depth', () => {
  it('counts nested fields through fragments, and ignores introspection meta fields', () => {
    expect(operationDepth(parse('{ a { b { c } } }'))).toBe(3);
    expect(operationDepth(parse('query { a { ...F } } fragment F on T { b { c { d } } }'))).toBe(4);
    expect(operationDepth(parse('{ a { __typename } }'))).toBe(1);
    expect(operationDepth(parse('query A { a } query B { a { b } }'), 'B')).toBe(2);
  });

  it('terminates on self-referencing fragments', () => {
    expect(operationDepth(parse('{ a { ...F } } fragment F on T { b { ...F } }'))).toBe(2);
  });
});
