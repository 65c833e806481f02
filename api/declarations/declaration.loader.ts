/** Per-request DataLoaders for declarations and their handling records. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader, countLoader } from '../graphql/loaders.js';
import { HandlingRecord } from './handling-record.entity.js';

export function createDeclarationLoaders(em: EntityManager) {
  return {
    handlingRecordsOfDeclaration: childrenLoader(em, HandlingRecord, 'declaration', {}, { startedAt: 'asc', id: 'asc' }),
    declarationCountOfBranch: countLoader(em, 'declaration', 'branch_id'),
  };
}
