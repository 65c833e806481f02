/**
 * Every authorisation decision, in one place. Resolvers ask `authorize(viewer, action)`; row-level
 * scopes (which declarations a viewer may see) are built here too, never in resolvers.
 */
import { forbidden, unauthenticated } from '../errors.js';
import { Role } from './roles.js';
import type { Viewer } from './viewer.js';

export type Action =
  | 'catalog:read'
  | 'enterprise:read'
  | 'declaration:read'
  | 'declaration:record';

const STAFF: Role[] = [Role.OFFICER, Role.SUPERVISOR, Role.INSPECTOR, Role.LEADER, Role.ADMIN];

const rules: Record<Action, (viewer: Viewer) => boolean> = {
  // The organisation tree, stages and officers' names are what enterprises rate: public.
  'catalog:read': () => true,
  'enterprise:read': (v) => hasRole(v, [...STAFF, Role.SYSTEM, Role.ANALYTICS]),
  'declaration:read': (v) => hasRole(v, [...STAFF, Role.SYSTEM, Role.ENTERPRISE]),
  'declaration:record': (v) => hasRole(v, [Role.SYSTEM, Role.ADMIN]),
};

export function can(viewer: Viewer, action: Action): boolean {
  return rules[action](viewer);
}

export function authorize(viewer: Viewer, action: Action): void {
  if (can(viewer, action)) return;
  throw viewer.kind === 'anonymous' ? unauthenticated() : forbidden(`Your role may not ${describe(action)}.`);
}

/** Which declarations a viewer may see: `enterpriseId` null means all of them. */
export interface DeclarationScope {
  enterpriseId: number | null;
}

/** The declarations a viewer may see: an enterprise only its own. */
export function declarationScope(viewer: Viewer): DeclarationScope {
  authorize(viewer, 'declaration:read');
  if (viewer.kind === 'apiKey' && viewer.role === Role.ENTERPRISE) {
    // A key bound to no enterprise sees nothing rather than everything.
    return { enterpriseId: viewer.enterpriseId ?? -1 };
  }
  return { enterpriseId: null };
}

function hasRole(viewer: Viewer, roles: Role[]): boolean {
  return viewer.kind === 'apiKey' && roles.includes(viewer.role);
}

function describe(action: Action): string {
  const [subject, verb] = action.split(':');
  return `${verb} ${subject}s`;
}
