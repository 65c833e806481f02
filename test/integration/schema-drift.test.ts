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

it('web/src/graphql/generated.ts and schema/trusted-documents.json match the schema and operations (run `npm run codegen`)', async () => {
  const { GENERATED_FILE, TRUSTED_DOCUMENTS_FILE, generateOperationTypes, trustedDocumentsOf } =
    await import('../../web/tools/codegen.js');
  const generated = await generateOperationTypes();
  expect(generated).toBe(fs.readFileSync(GENERATED_FILE, 'utf8'));
  expect(trustedDocumentsOf(generated)).toBe(fs.readFileSync(TRUSTED_DOCUMENTS_FILE, 'utf8'));
});

it('the console names no operation by a string: every call passes a generated typed document', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|vue)$/.test(entry.name) && file !== 'web/src/graphql/generated.ts') {
        const text = fs.readFileSync(file, 'utf8');
        if (/operationName\s*:/.test(text) || /schema\/operations\/.*\?raw/.test(text)) offenders.push(file);
      }
    }
  };
  walk('web/src');
  expect(offenders).toEqual([]);
});
