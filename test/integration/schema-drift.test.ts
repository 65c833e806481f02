import fs from 'node:fs';
import { expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../../api/graphql/schema.js';

it('schema/schema.graphql matches the code (run `npm run schema:emit` after changing the API)', async () => {
  const committed = fs.readFileSync('schema/schema.graphql', 'utf8');
  expect(printAppSchema(await buildAppSchema())).toBe(committed);
});
