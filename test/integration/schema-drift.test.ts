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

it('web/src/graphql/generated.ts matches the schema and operations (run `npm run codegen`)', async () => {
  const { GENERATED_FILE, generateOperationTypes } = await import('../../web/tools/codegen.js');
  expect(await generateOperationTypes()).toBe(fs.readFileSync(GENERATED_FILE, 'utf8'));
});
