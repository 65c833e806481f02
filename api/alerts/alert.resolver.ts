/** Alert rules: inspectors and leaders set them for their department (or one of its branches). */
import { IsIn, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireViewer } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { AlertIncident, AlertKind, AlertRule } from './alert.entity.js';

@InputType()
class CreateAlertRuleInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => AlertKind)
  @IsIn(Object.values(AlertKind))
  kind!: AlertKind;

  @Field(() => ID, { nullable: true, description: 'Administrators and national leaders: the department watched.' })
  @IsOptional()
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One branch of the department; none: the whole department.' })
  @IsOptional()
  branchId?: string | null;

  @Field(() => Float, {
    description: 'CSAT_BELOW: a percentage (0–100); OFFICER_LOW_RATINGS: k ratings of 1–2★ (1–100).',
  })
  @Min(0)
  @Max(100)
  threshold!: number;

  @Field(() => Int, { nullable: true, description: 'CSAT_BELOW: the last N days (1–365, default 30).' })
  @IsOptional()
  @Min(1)
  @Max(365)
  days?: number | null;

  @Field(() => Int, { nullable: true, description: 'CSAT_BELOW: at least n ratings (1–100000, default 10).' })
  @IsOptional()
  @Min(1)
  @Max(100_000)
  minRatings?: number | null;
}

function ruleScope(ctx: Context) {
  const viewer = requireViewer(ctx.viewer, 'alert:manage');
  if (viewer.kind !== 'account') throw forbidden('Alert rules belong to signed-in accounts.');
  return viewer;
}

@Resolver(() => AlertRule)
export class AlertResolver {
  @Query(() => [AlertRule], { description: 'Alert rules of your department (administrators: all).' })
  alertRules(@Ctx() ctx: Context) {
    const viewer = ruleScope(ctx);
    const department = viewer.scope.departmentId;
    return ctx.em.find(AlertRule, department === null ? {} : { departmentId: department }, {
      orderBy: { id: 'asc' },
      limit: 100,
    });
  }

  @Mutation(() => AlertRule)
  async createAlertRule(@Arg('input', () => CreateAlertRuleInput) input: CreateAlertRuleInput, @Ctx() ctx: Context) {
    const viewer = ruleScope(ctx);
    const asked = input.departmentId ? parseId(input.departmentId, 'departmentId') : null;
    const own = viewer.scope.departmentId;
    if (own !== null && asked !== null && asked !== own) throw forbidden('Set alert rules for your own department.');
    const departmentId = own ?? asked;
    if (departmentId === null) throw badInput('Name the department the rule watches (departmentId).');
    const branchId = input.branchId ? parseId(input.branchId, 'branchId') : null;
    const [unit] = await ctx.em.execute<{ ok: boolean }[]>(
      `select exists(select 1 from department where id = ?) and (?::int is null or exists(select 1 from branch where id = ? and department_id = ?)) as ok`,
      [departmentId, branchId, branchId, departmentId],
    );
    if (!unit.ok) throw badInput('The branch must belong to the department watched.');
    if (input.kind === AlertKind.OFFICER_LOW_RATINGS && (!Number.isInteger(input.threshold) || input.threshold < 1))
      throw badInput('OFFICER_LOW_RATINGS needs a whole threshold of at least 1.');
    const csat = input.kind === AlertKind.CSAT_BELOW;
    const rule = ctx.em.create(AlertRule, {
      name: input.name.trim(),
      kind: input.kind,
      departmentId,
      branchId,
      threshold: input.threshold,
      days: csat ? (input.days ?? 30) : null,
      minRatings: csat ? (input.minRatings ?? 10) : null,
      ownerAccountId: viewer.id,
      createdAt: ctx.clock(),
    });
    await ctx.em.flush();
    return rule;
  }

  @Mutation(() => Boolean, { description: 'Deletes a rule of your department; its incidents go with it.' })
  async deleteAlertRule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const viewer = ruleScope(ctx);
    const rule = await ctx.em.findOne(AlertRule, {
      id: parseId(id, 'id'),
      ...(viewer.scope.departmentId === null ? {} : { departmentId: viewer.scope.departmentId }),
    });
    if (!rule) throw notFound(`No alert rule ${id} is yours.`);
    await ctx.em.transactional(async (em) => {
      await em.execute('delete from alert_incident where rule_id = ?', [rule.id]);
      await em.execute('delete from alert_rule where id = ?', [rule.id]);
    });
    return true;
  }

  @FieldResolver(() => [AlertIncident], { description: 'Incidents, newest first.' })
  incidents(
    @Root() rule: AlertRule,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: Context,
  ) {
    if (first < 1 || first > 100) throw badInput('first must be between 1 and 100.');
    return ctx.em.find(AlertIncident, { ruleId: rule.id }, { orderBy: { id: 'desc' }, limit: first });
  }

  @FieldResolver(() => Boolean, { description: 'Whether an incident is open (raised, not yet cleared).' })
  async raised(@Root() rule: AlertRule, @Ctx() ctx: Context) {
    return (await ctx.em.count(AlertIncident, { ruleId: rule.id, clearedAt: null })) > 0;
  }
}
