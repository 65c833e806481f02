import fs from 'node:fs';
import { expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../../api/graphql/schema.js';

it('schema/schema.graphql matches the code (run `npm run schema:emit` after changing the API)', async () => {
  const committed = fs.readFileSync('schema/schema.graphql', 'utf8');
  expect(printAppSchema(await buildAppSchema())).toBe(committed);
});

it('every console operation in schema/operations is valid against the schema', async () => {
  const { parse, validate } = await import('graphql');
  const schema = await buildAppSchema();
  for (const file of fs.readdirSync('schema/operations')) {
    const errors = validate(schema, parse(fs.readFileSync(`schema/operations/${file}`, 'utf8')));
    expect(errors.map((e) => `${file}: ${e.message}`)).toEqual([]);
  }
});
