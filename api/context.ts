/**
 * The per-request context: a forked EntityManager (no identity map shared between requests),
 * the viewer, and fresh DataLoaders bound to that EntityManager.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer.js';
import { createCatalogLoaders } from './catalog/catalog.loader.js';
import { createDeclarationLoaders } from './declarations/declaration.loader.js';

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
}

function createLoaders(em: EntityManager) {
  return { ...createCatalogLoaders(em), ...createDeclarationLoaders(em) };
}

export function createContext(rootEm: EntityManager, viewer: Viewer): Context {
  const em = rootEm.fork() as EntityManager;
  return { em, viewer, loaders: createLoaders(em) };
}
