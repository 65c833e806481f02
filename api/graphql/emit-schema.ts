/** `npm run schema:emit`: writes schema/schema.graphql from the code. */
import 'reflect-metadata';
import fs from 'node:fs';
import { buildAppSchema, printAppSchema } from './schema.js';

const target = 'schema/schema.graphql';
fs.writeFileSync(target, printAppSchema(await buildAppSchema()));
console.log(`Wrote ${target}`);
