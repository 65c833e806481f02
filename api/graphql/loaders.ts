/**
 * Batching helpers for DataLoader: one SQL query per entity type per request, whatever the shape
 * of the GraphQL query. Loaders are created per request (they cache per request, never across).
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';

/** Loads entities by primary key; a missing id yields null. */
export function byIdLoader<T extends { id: number }>(em: EntityManager, entity: EntityName<T>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Loads the children of many parents at once, grouped by the parent key. */
export function childrenLoader<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parentProperty: string,
  extraWhere: FilterQuery<T> = {},
  orderBy: Record<string, 'asc' | 'desc'> = { id: 'asc' },
) {
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = await em.find(
      entity,
      { $and: [extraWhere, { [parentProperty]: { $in: [...parentIds] } }] } as unknown as FilterQuery<NoInfer<T>>,
      { orderBy: orderBy as never },
    );
    const groups = new Map<number, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) {
      // The parent is a relation (an entity reference) or a plain id column.
      const parent = (row as Record<string, unknown>)[parentProperty] as { id: number } | number;
      groups.get(typeof parent === 'number' ? parent : parent.id)?.push(row);
    }
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}

/** Counts rows per parent key with one GROUP BY query. */
export function countLoader(em: EntityManager, table: string, column: string, extraSql = '') {
  if (!/^[a-z_]+$/.test(table) || !/^[a-z_]+$/.test(column)) throw new Error('countLoader: bad identifier');
  return new DataLoader<number, number>(async (ids) => {
    const rows = await em
      .getConnection()
      .execute<{ key: number; n: string }[]>(
        `select "${column}" as key, count(*) as n from "${table}" where "${column}" in (?) ${extraSql} group by "${column}"`,
        [[...ids]],
      );
    const counts = new Map(rows.map((r) => [Number(r.key), Number(r.n)]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}
