/** GraphQL entry points for declarations and the customs-system feed. */
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize, declarationScope } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { Officer } from '../catalog/officer.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import { Team } from '../catalog/team.entity.js';
import type { Context } from '../context.js';
import { ConnectionType, PageArgs } from '../graphql/connection.js';
import { DeclarationFilter } from './declaration.args.js';
import { Declaration } from './declaration.entity.js';
import { DeclarationService } from './declaration.service.js';
import { HandlingRecord } from './handling-record.entity.js';
import { RecordDeclarationInput } from './record-declaration.input.js';

export const DeclarationConnection = ConnectionType(Declaration);

@Resolver(() => Declaration)
export class DeclarationResolver {
  @Query(() => DeclarationConnection, { description: 'Declarations visible to you, newest first.' })
  async declarations(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => DeclarationFilter, { nullable: true }) filter: DeclarationFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    const scope = declarationScope(ctx.viewer);
    return DeclarationConnection.of(await new DeclarationService(ctx.em).list(scope, filter, page));
  }

  @Query(() => Declaration)
  declaration(@Arg('number', () => String) number: string, @Ctx() ctx: Context) {
    return new DeclarationService(ctx.em).byNumber(declarationScope(ctx.viewer), number);
  }

  @Mutation(() => Declaration, {
    description: 'Customs-system feed: create or update a declaration with its handling records.',
  })
  recordDeclaration(@Arg('input', () => RecordDeclarationInput) input: RecordDeclarationInput, @Ctx() ctx: Context) {
    authorize(ctx.viewer, 'declaration:record');
    return new DeclarationService(ctx.em).record(input);
  }

  @FieldResolver(() => Enterprise)
  enterprise(@Root() declaration: Declaration, @Ctx() ctx: Context) {
    return ctx.loaders.enterprise.load(declaration.enterprise.id);
  }

  @FieldResolver(() => Branch)
  branch(@Root() declaration: Declaration, @Ctx() ctx: Context) {
    return ctx.loaders.branch.load(declaration.branch.id);
  }

  @FieldResolver(() => [HandlingRecord], { description: 'Stages performed, in order.' })
  handlingRecords(@Root() declaration: Declaration, @Ctx() ctx: Context) {
    return ctx.loaders.handlingRecordsOfDeclaration.load(declaration.id);
  }
}

@Resolver(() => HandlingRecord)
export class HandlingRecordFields {
  @FieldResolver(() => Stage)
  stage(@Root() record: HandlingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.stage.load(record.stage.id);
  }

  @FieldResolver(() => Team, { description: 'The team that performed the stage.' })
  team(@Root() record: HandlingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.team.load(record.team.id);
  }

  @FieldResolver(() => Officer)
  officer(@Root() record: HandlingRecord, @Ctx() ctx: Context) {
    return ctx.loaders.officer.load(record.officer.id);
  }
}

export const declarationResolvers = [DeclarationResolver, HandlingRecordFields] as const;
