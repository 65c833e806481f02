/** GraphQL administration of case routing rules (administrators only). */
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubjectKind } from '../assessments/assessment.enums.js';
import { authorize, requireViewer } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import { Department } from '../catalog/department.entity.js';
import { Stage } from '../catalog/stage.entity.js';
import type { Context } from '../context.js';
import { parseId } from '../graphql/ids.js';
import { CaseHandler } from './case.enums.js';
import { CaseRoutingRule } from './routing-rule.entity.js';
import { RoutingService, type RoutingRuleData } from './routing.service.js';

@InputType({ description: 'A routing rule. Null conditions match anything.' })
class CaseRoutingRuleInput {
  @Field(() => Int)
  priority!: number;

  @Field(() => SubjectKind, { nullable: true })
  subjectKind?: SubjectKind | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true })
  branchId?: string | null;

  @Field(() => ID, { nullable: true })
  stageId?: string | null;

  @Field(() => CaseHandler)
  target!: CaseHandler;

  @Field(() => ID, { nullable: true, description: 'Required when target is BRANCH.' })
  targetBranchId?: string | null;

  @Field(() => Boolean, { defaultValue: true })
  active!: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

const service = (ctx: Context) => new RoutingService(ctx.em, ctx.clock);
const admin = (ctx: Context) => requireViewer(ctx.viewer, 'routing:manage');

@Resolver(() => CaseRoutingRule)
export class RoutingResolver {
  @Query(() => [CaseRoutingRule], { description: 'Routing rules of new cases, in the order they are tried.' })
  caseRoutingRules(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'routing:manage');
    return service(ctx).list();
  }

  @Mutation(() => CaseRoutingRule)
  createCaseRoutingRule(@Arg('input', () => CaseRoutingRuleInput) input: CaseRoutingRuleInput, @Ctx() ctx: Context) {
    const viewer = admin(ctx);
    return service(ctx).create(viewer, toData(input));
  }

  @Mutation(() => CaseRoutingRule, { description: 'Replaces a rule. Cases already opened keep their handler.' })
  updateCaseRoutingRule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CaseRoutingRuleInput) input: CaseRoutingRuleInput,
    @Ctx() ctx: Context,
  ) {
    const viewer = admin(ctx);
    return service(ctx).update(viewer, parseId(id, 'id'), toData(input));
  }

  @Mutation(() => Boolean)
  deleteCaseRoutingRule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).remove(admin(ctx), parseId(id, 'id'));
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() r: CaseRoutingRule, @Ctx() ctx: Context) {
    return r.departmentId ? ctx.loaders.department.load(r.departmentId) : null;
  }

  @FieldResolver(() => Branch, { nullable: true, description: 'Condition: the branch of the rated subject.' })
  branch(@Root() r: CaseRoutingRule, @Ctx() ctx: Context) {
    return r.branchId ? ctx.loaders.branch.load(r.branchId) : null;
  }

  @FieldResolver(() => Stage, { nullable: true })
  stage(@Root() r: CaseRoutingRule, @Ctx() ctx: Context) {
    return r.stageId ? ctx.loaders.stage.load(r.stageId) : null;
  }

  @FieldResolver(() => Branch, { nullable: true })
  targetBranch(@Root() r: CaseRoutingRule, @Ctx() ctx: Context) {
    return r.targetBranchId ? ctx.loaders.branch.load(r.targetBranchId) : null;
  }
}

function toData(input: CaseRoutingRuleInput): RoutingRuleData {
  const id = (v: string | null | undefined, field: string) => (v ? parseId(v, field) : null);
  return {
    priority: input.priority,
    subjectKind: input.subjectKind ?? null,
    departmentId: id(input.departmentId, 'departmentId'),
    branchId: id(input.branchId, 'branchId'),
    stageId: id(input.stageId, 'stageId'),
    target: input.target,
    targetBranchId: id(input.targetBranchId, 'targetBranchId'),
    active: input.active,
    note: input.note?.trim() || null,
  };
}
