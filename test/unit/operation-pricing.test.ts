// Remembered prices must be the prices: another variable, another price; a refusal, every time.
import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../../api/graphql/schema.js';
import { operationCost } from '../../api/graphql/limits.js';
import { rememberedPricing } from '../../api/graphql/operation-pricing.js';

const LIMITS = { maxDepth: 6, maxAliases: 5, maxRootFields: 5, maxCost: 100 };
const PAGE = parse('query Page($n: Int!) { assessments(first: $n) { edges { node { id } } } }');
const DEEP = parse(
  'query { assessments { edges { node { declaration { assessments { edges { node { id } } } } } } } }',
);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

describe('rememberedPricing', () => {
  it('prices the same document anew for other variables, and as the calculator does', () => {
    const price = rememberedPricing(schema, LIMITS);
    const ten = price('page', PAGE, 'Page', { n: 10 });
    expect(ten).toBe(operationCost(schema, PAGE, 'Page', { n: 10 }));
    expect(price('page', PAGE, 'Page', { n: 20 })).toBeGreaterThan(ten);
    expect(price('page', PAGE, 'Page', { n: 10 })).toBe(ten);
  });

  it('refuses every time: a remembered price over the limit, and a shape too deep', () => {
    const price = rememberedPricing(schema, LIMITS);
    for (let i = 0; i < 2; i++) {
      expect(() => price('page', PAGE, 'Page', { n: 100 })).toThrow(/would cost/);
      expect(() => price('deep', DEEP, undefined, {})).toThrow(/nested/);
    }
    expect(price('page', PAGE, 'Page', { n: 1 })).toBeLessThanOrEqual(LIMITS.maxCost);
  });

  it('answers wrong variables as the calculator does (BAD_USER_INPUT), and is not fooled after', () => {
    const price = rememberedPricing(schema, LIMITS);
    expect(() => price('page', PAGE, 'Page', { n: 'ten' })).toThrow(/Variable "\$n"/);
    expect(price('page', PAGE, 'Page', { n: 3 })).toBe(operationCost(schema, PAGE, 'Page', { n: 3 }));
  });

  it('refuses variables nested too deep to write out as the calculator does, not with a crash', () => {
    const price = rememberedPricing(schema, LIMITS);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(() => price('page', PAGE, 'Page', { n: deep })).toThrow(/Variable "\$n"/);
  });
});
