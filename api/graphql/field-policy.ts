/**
 * The one mechanism that applies the field rules of `auth/permissions.ts`: a global middleware
 * that, before any field of any object type resolves, asks the policy whether this viewer may
 * read this field of this type reached through this path. So a rule holds whichever way a query
 * reaches the field (a form's declaration from `assessments`, from `complaintCase`, from a
 * form's cases...), and a field nobody wrote a rule for is refused rather than served.
 */
import { isNonNullType, type GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { decideField, fieldRefusal } from '../auth/permissions.js';
import type { Context } from '../context.js';

/** Type names of the objects above the field being resolved, root first. */
function ancestorsOf(info: GraphQLResolveInfo): string[] {
  const types: string[] = [];
  for (let p = info.path.prev; p; p = p.prev) if (p.typename) types.push(p.typename);
  return types.reverse();
}

export const applyFieldPolicy: MiddlewareFn<Context> = ({ root, context, info }, next) => {
  const type = info.parentType.name;
  const field = info.fieldName;
  let ancestors: string[] | undefined;
  const decision = decideField(context.viewer, {
    type,
    field,
    parent: root,
    get ancestors() {
      return (ancestors ??= ancestorsOf(info));
    },
  });
  if (decision === 'allow') return next();
  // "hide" is for nullable fields; on a non-null one it would break the parent, so it refuses.
  if (decision === 'hide' && !isNonNullType(info.returnType)) return Promise.resolve(null);
  throw fieldRefusal(context.viewer, { type, field });
};
