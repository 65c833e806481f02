/**
 * The one mechanism that applies the field rules of `auth/permissions.ts`: before any field of
 * any object type resolves, the policy decides whether this viewer may read this field of this
 * type reached through this path. So a rule holds whichever way a query reaches the field (a
 * form's declaration from `assessments`, from `complaintCase`, from a form's cases...), and a
 * field nobody wrote a rule for is refused rather than served. Before the policy, the request's
 * deadline (a request past it resolves nothing more); after it, the arguments
 * (`input-guard.ts`); then the field's own resolver.
 *
 * It wraps the built schema's resolvers rather than being a type-graphql global middleware (or an
 * Apollo `willResolveField` hook): those turn every field, even a plain number of a statistics
 * group, into a chain of promises or plugin calls, and an answer of 400 groups spent about as
 * long there as in ClickHouse. Here every check is synchronous, and a field whose rule is `open`
 * and that takes no arguments checks only the deadline.
 */
import {
  defaultFieldResolver,
  isNonNullType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { decideField, fieldRefusal, fieldRule } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { timedOut } from '../errors.js';
import { checkArguments } from './input-guard.js';

/** Type names of the objects above the field being resolved, root first. */
function ancestorsOf(info: GraphQLResolveInfo): string[] {
  const types: string[] = [];
  for (let p = info.path.prev; p; p = p.prev) if (p.typename) types.push(p.typename);
  return types.reverse();
}

/** Puts the deadline, the policy and the argument checks in front of every field of `schema`. */
export function applyFieldPolicy(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checksPolicy = fieldRule(type.name, field.name) !== 'open';
      const checksArguments = field.args.length > 0;
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      const nullable = !isNonNullType(field.type);
      const site = { type: type.name, field: field.name };
      field.resolve = (root, args, context: Context, info) => {
        // The clock as well as the signal: a busy event loop may run this before the timer fires.
        const { signal, deadline } = context.request;
        if (signal.aborted || Date.now() >= deadline) throw timedOut();
        if (checksPolicy) {
          let ancestors: string[] | undefined;
          const decision = decideField(context.viewer, {
            ...site,
            parent: root,
            get ancestors() {
              return (ancestors ??= ancestorsOf(info));
            },
          });
          // "hide" is for nullable fields; on a non-null one it would break the parent, so it refuses.
          if (decision === 'hide' && nullable) return null;
          if (decision !== 'allow') throw fieldRefusal(context.viewer, site);
        }
        if (checksArguments) checkArguments(field.args, args);
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
