/**
 * Relay-style cursor connections with keyset pagination on the primary key: stable under inserts,
 * and as cheap on page 1,000 as on page 1. Cursors are opaque to clients.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

export interface ConnectionClass<T> {
  new (): Page<T>;
  of(page: Page<T>): Page<T>;
}

/** Declares `<Node>Connection` and `<Node>Edge` object types for a node type. */
export function ConnectionType<T extends object>(Node: ClassType<T>): ConnectionClass<T> {
  @ObjectType(`${Node.name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }

  @ObjectType(`${Node.name}Connection`)
  class Connection implements Page<T> {
    // The page size already multiplies the cost of a connection; edges must not multiply it again.
    @Field(() => [Edge], { complexity: ({ childComplexity }) => childComplexity })
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int, { description: 'Number of nodes matching the filter, all pages together.' })
    totalCount(): Promise<number> {
      return this.count();
    }

    static of(page: Page<T>): Connection {
      return Object.assign(new Connection(), page);
    }
  }
  return Connection;
}

export function encodeCursor(id: number): string {
  return Buffer.from(`k1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^k1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('The cursor is not valid: pass the endCursor of a previous page unchanged.');
  return Number(match[1]);
}

/** One page of `entity` rows matching `where`, ordered by id (newest first with `desc`). */
export async function paginate<T extends { id: number }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageArgs,
  direction: 'asc' | 'desc' = 'asc',
): Promise<Page<T>> {
  const first = Math.min(page.first, MAX_PAGE_SIZE);
  const conditions: FilterQuery<T>[] = [where];
  if (page.after) {
    const afterId = decodeCursor(page.after);
    conditions.push({ id: direction === 'asc' ? { $gt: afterId } : { $lt: afterId } } as unknown as FilterQuery<T>);
  }
  const rows = await em.find(entity, { $and: conditions } as FilterQuery<T>, {
    orderBy: { id: direction } as never,
    limit: first + 1,
  });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    count: () => em.count(entity, where),
  };
}
