/** Per-request DataLoaders for declarations and their handling records. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, childrenLoader, countLoader } from '../graphql/loaders.js';
import { Declaration } from './declaration.entity.js';
import { HandlingRecord } from './handling-record.entity.js';

export function createDeclarationLoaders(em: EntityManager) {
  return {
    declaration: byIdLoader(em, Declaration),
    handlingRecordsOfDeclaration: childrenLoader(
      em,
      HandlingRecord,
      'declaration',
      {},
      { startedAt: 'asc', id: 'asc' },
    ),
    declarationCountOfBranch: countLoader(em, 'declaration', 'branch_id'),
  };
}
