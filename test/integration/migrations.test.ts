/**
 * The migrations build exactly the schema the entities describe: a change to an entity without
 * its migration (or the reverse) fails here instead of surfacing as noise in the next generated
 * migration or as a missing constraint in production.
 */
import { expect, it } from 'vitest';
import { openTestStores } from '../support/stores.js';

it('leaves nothing for the schema generator to change after all migrations ran', async () => {
  const stores = await openTestStores();
  try {
    const diff = await stores.db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  } finally {
    await stores.close();
  }
});
