/** GraphQL entry points of complaint cases: the inbox, the case page, and each workflow step. */
import { ArrayMaxSize, Length, Max, Min } from 'class-validator';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { Assessment } from '../assessments/assessment.entity.js';
import { RateableSubject } from '../assessments/assessment.types.js';
import { describeSubject } from '../assessments/subjects.js';
import { authorize, can, caseInScope, caseScope, requireViewer } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import { Branch } from '../catalog/branch.entity.js';
import type { Context } from '../context.js';
import { badInput, forbidden } from '../errors.js';
import { ConnectionType, PageArgs } from '../graphql/connection.js';
import { CaseStep } from './case-step.entity.js';
import { ComplaintCase } from './case.entity.js';
import { CaseAction, CaseHandler, CaseStatus, Finding, StepAudience, StepKind } from './case.enums.js';
import { SubjectKind } from '../assessments/assessment.enums.js';
import { parseId } from '../graphql/ids.js';
import { CaseService, type QueueViewer } from './case.service.js';
import { workingCalendar } from './calendar.js';
import { workingTimeBetween } from './working-days.js';
import { availableSteps, CaseStepAction, currentDeadline, type CaseParty } from './case-lifecycle.js';
import { MAX_PAGE_SIZE } from '../graphql/connection.js';

export const CaseConnection = ConnectionType(ComplaintCase);

@InputType()
class CaseFilterInput {
  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cases past the deadline of their current step.' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only cases of this responsible branch.' })
  branchId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only cases of items rated this level (1 or 2).' })
  @Min(1)
  @Max(2)
  level?: number | null;

  @Field(() => SubjectKind, { nullable: true })
  subjectKind?: SubjectKind | null;

  @Field(() => CaseHandler, { nullable: true })
  handler?: CaseHandler | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only open cases whose next step is yours: your unit's turn (your branch's, or for inspectors those routed or escalated to them), assigned to you or to nobody yet.",
  })
  waitingOnMe?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cases assigned to you in person (any status).' })
  assignedToMe?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only cases of this enterprise (who rated: inspection staff only).' })
  enterpriseId?: string | null;
}

enum CaseOrderInput {
  NEWEST = 'NEWEST',
  DEADLINE = 'DEADLINE',
}
registerEnumType(CaseOrderInput, {
  name: 'CaseOrder',
  description:
    'NEWEST: newest first; DEADLINE: by the current deadline, overdue and due today first, nothing due last.',
});

@ObjectType({ description: 'A person a case may be assigned to: an account of its handling unit.' })
class CaseAssignee {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  displayName!: string;
}

@InputType()
class ConcludeCaseInput {
  @Field(() => Finding)
  finding!: Finding;

  @Field(() => [CaseAction], { defaultValue: [] })
  @ArrayMaxSize(4)
  actions!: CaseAction[];

  @Field(() => String, { description: 'What the verification found.' })
  @Length(1, 5000)
  note!: string;
}

/** A message between the authority and the enterprise on a case: what the enterprise sees of the trail. */
@ObjectType({ description: 'A message to or from the enterprise on a case (the steps with audience ENTERPRISE).' })
class CaseMessage {
  @Field(() => ID)
  id!: number;

  @Field(() => StepKind)
  kind!: StepKind;

  @Field(() => Date)
  at!: Date;

  @Field(() => Boolean, { description: 'Written by the enterprise (its acknowledgement or objection).' })
  fromEnterprise!: boolean;

  @Field(() => String, { nullable: true })
  text!: string | null;
}

const FROM_ENTERPRISE = new Set([StepKind.ENTERPRISE_ACKNOWLEDGED, StepKind.REOPENED]);

@ObjectType()
class CaseJobResult {
  @Field(() => Int)
  escalated!: number;

  @Field(() => Int)
  closed!: number;
}

const service = (ctx: Context) => new CaseService(ctx.em, ctx.clock, ctx.settings.cases);
const handler = (ctx: Context) => ({
  viewer: requireViewer(ctx.viewer, 'case:handle'),
  scope: caseScope(ctx.viewer, 'case:handle'),
});

@ObjectType({
  description:
    'How to reach the enterprise about its complaint: the handling unit sees it when the enterprise agreed, inspection staff always.',
})
export class CaseContact {
  @Field(() => Boolean, { description: 'The enterprise lets the handling unit contact it.' })
  consent!: boolean;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType({ description: "A responsible branch's backlog now, and how often its answers were reopened." })
export class CaseBacklogRow {
  @Field(() => Branch)
  branch!: Branch;

  @Field(() => Int, { description: 'Cases not closed, now.' })
  open!: number;

  @Field(() => [Int], { description: 'Open cases by days since opened: 0–2, 3–7, 8–14, 15–30, over 30.' })
  ageing!: number[];

  @Field(() => Int, { description: 'Of the cases opened in the period, those concluded at least once.' })
  concluded!: number;

  @Field(() => Int, { description: 'Of the cases opened in the period, those the enterprise reopened.' })
  reopened!: number;

  @Field(() => Float, { nullable: true, description: 'reopened / concluded; null when none was concluded.' })
  reopenRate!: number | null;
}

@ObjectType({ description: 'One month of the case backlog trend.' })
export class CaseBacklogMonth {
  @Field(() => String, { description: 'Vietnamese calendar month, YYYY-MM.' })
  month!: string;

  @Field(() => Date, { description: "The month's start, or the period's when it starts later." })
  from!: Date;

  @Field(() => Date, { description: "The month's end, or the period's when it ends sooner." })
  to!: Date;

  @Field(() => Boolean, { description: 'The month is under way: `openAtEnd` counts the backlog now.' })
  running!: boolean;

  @Field(() => Int, { description: 'Cases opened in the month.' })
  opened!: number;

  @Field(() => Int, { description: "Cases opened before the month's end (or now) and not closed by then." })
  openAtEnd!: number;

  @Field(() => Int, { description: 'Of the cases opened in the month, those concluded at least once.' })
  concluded!: number;

  @Field(() => Int, { description: 'Of the cases opened in the month, those the enterprise reopened.' })
  reopened!: number;

  @Field(() => Float, { nullable: true, description: 'reopened / concluded; null when none was concluded.' })
  reopenRate!: number | null;
}

const reopenRate = (r: { concluded: number; reopened: number }) => (r.concluded > 0 ? r.reopened / r.concluded : null);

@Resolver(() => ComplaintCase)
export class CaseResolver {
  @Query(() => [CaseBacklogRow], {
    description:
      'Per responsible branch within your reach: the open backlog by age now, and the reopen rate of the cases opened in [from, to).',
  })
  async caseBacklog(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: Context,
  ): Promise<CaseBacklogRow[]> {
    if (from >= to) throw badInput('`from` must be before `to`.');
    const rows = await service(ctx).backlog(caseScope(ctx.viewer), from, to);
    const branches = await Promise.all(rows.map((r) => ctx.loaders.branch.load(r.branchId)));
    return rows.flatMap((r, i) => {
      const branch = branches[i];
      return branch ? [{ ...r, branch, reopenRate: reopenRate(r) }] : [];
    });
  }

  @Query(() => [CaseBacklogMonth], {
    description:
      'Month by month over [from, to) within your reach, or for one responsible branch: cases opened, the open backlog at each month end, and the reopen rate of each month’s cases.',
  })
  async caseBacklogTrend(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<CaseBacklogMonth[]> {
    if (from >= to) throw badInput('`from` must be before `to`.');
    const rows = await service(ctx).backlogTrend(
      caseScope(ctx.viewer),
      from,
      to,
      branchId ? parseId(branchId, 'branchId') : null,
    );
    return rows.map((r) => ({ ...r, reopenRate: reopenRate(r) }));
  }

  @Query(() => CaseConnection, { description: "Cases visible to you: the handlers' inbox and queue." })
  async cases(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CaseFilterInput, { nullable: true }) filter: CaseFilterInput | undefined,
    @Arg('order', () => CaseOrderInput, { nullable: true, defaultValue: CaseOrderInput.NEWEST }) order: CaseOrderInput,
    @Ctx() ctx: Context,
  ) {
    const f = filter ?? {};
    if (f.enterpriseId && !can(ctx.viewer, 'assessment:seeRater'))
      throw forbidden('Cases by enterprise show who rated: only inspection staff may ask for them.');
    return CaseConnection.of(
      await service(ctx).list(
        caseScope(ctx.viewer),
        {
          ...f,
          branchId: f.branchId ? parseId(f.branchId, 'branchId') : null,
          enterpriseId: f.enterpriseId ? parseId(f.enterpriseId, 'enterpriseId') : null,
        },
        page,
        queueViewer(ctx.viewer),
        order,
      ),
    );
  }

  @Query(() => [CaseAssignee], { description: "The people of a case's handling unit it may be assigned to." })
  async caseAssignees(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CaseAssignee[]> {
    const accounts = await service(ctx).assignees(caseScope(ctx.viewer, 'case:handle'), parseId(id, 'id'));
    return accounts.map((a) => ({ id: a.id, displayName: a.displayName }));
  }

  @Query(() => ComplaintCase, { name: 'complaintCase' })
  complaintCase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return service(ctx).byId(caseScope(ctx.viewer), Number(id));
  }

  @Mutation(() => ComplaintCase)
  acknowledgeCase(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).acknowledge(viewer, scope, Number(id), note);
  }

  @Mutation(() => [ComplaintCase], {
    description: `Acknowledge several open cases at once (1 to ${MAX_PAGE_SIZE}): all of them, or none if one cannot be.`,
  })
  acknowledgeCases(
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).acknowledgeMany(viewer, scope, idsOf(ids), note);
  }

  @Mutation(() => ComplaintCase, {
    description: 'Assign the case to a person of its handling unit (accountId null: back to the whole unit).',
  })
  assignCase(
    @Arg('id', () => ID) id: string,
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null | undefined,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).assign(
      viewer,
      scope,
      parseId(id, 'id'),
      accountId ? parseId(accountId, 'accountId') : null,
      note,
    );
  }

  @Mutation(() => [ComplaintCase], {
    description: 'Assign several cases to one person of their handling unit: all of them, or none.',
  })
  assignCases(
    @Arg('ids', () => [ID]) ids: string[],
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null | undefined,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).assignMany(viewer, scope, idsOf(ids), accountId ? parseId(accountId, 'accountId') : null, note);
  }

  @Mutation(() => ComplaintCase)
  startCaseVerification(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).startVerification(viewer, scope, Number(id), note);
  }

  @Mutation(() => ComplaintCase, {
    description:
      'Record the finding and the actions. A concluded finding is never overwritten; see correctCaseFinding.',
  })
  concludeCase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ConcludeCaseInput) input: ConcludeCaseInput,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).conclude(viewer, scope, Number(id), input.finding, input.actions, input.note);
  }

  @Mutation(() => ComplaintCase, { description: 'Correct a concluded finding: a new step of the audit trail.' })
  correctCaseFinding(
    @Arg('id', () => ID) id: string,
    @Arg('finding', () => Finding) finding: Finding,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).correctFinding(viewer, scope, Number(id), finding, note);
  }

  @Mutation(() => ComplaintCase, {
    description:
      'Add a note without moving the case: INTERNAL stays in the case file; ENTERPRISE is a message the enterprise reads on its form.',
  })
  addCaseNote(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Arg('audience', () => StepAudience) audience: StepAudience,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).addNote(viewer, scope, Number(id), checkedNote(note), audience);
  }

  @Mutation(() => ComplaintCase, { description: 'The answer to the enterprise, shown on its form.' })
  answerCase(@Arg('id', () => ID) id: string, @Arg('answer', () => String) answer: string, @Ctx() ctx: Context) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).answer(viewer, scope, Number(id), checked(answer));
  }

  @Mutation(() => ComplaintCase)
  reassignCase(
    @Arg('id', () => ID) id: string,
    @Arg('branchId', () => ID) branchId: string,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).reassign(viewer, scope, Number(id), Number(branchId), note);
  }

  @Mutation(() => ComplaintCase, {
    description: "Hand the case up to the department's inspectors now, before its deadline passes.",
  })
  escalateCase(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: Context) {
    const { viewer, scope } = handler(ctx);
    return service(ctx).escalate(viewer, scope, Number(id), checkedNote(note));
  }

  @Mutation(() => ComplaintCase, {
    description:
      'The enterprise accepts the answer (resolved: true) or says the problem is not resolved, which reopens the case to the inspectors.',
  })
  respondToCase(
    @Arg('id', () => ID) id: string,
    @Arg('resolved', () => Boolean) resolved: boolean,
    @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: Context,
  ) {
    return service(ctx).respond(
      requireViewer(ctx.viewer, 'case:respond'),
      caseScope(ctx.viewer, 'case:respond'),
      Number(id),
      resolved,
      note,
    );
  }

  @Mutation(() => CaseJobResult, {
    description: 'Run the case job now: escalate overdue cases, close answered cases left without reaction.',
  })
  runCaseJobs(@Ctx() ctx: Context) {
    authorize(ctx.viewer, 'reminder:run');
    return service(ctx).runJobs();
  }

  @FieldResolver(() => [CaseStep], { description: 'The audit trail, oldest first.' })
  steps(@Root() c: ComplaintCase, @Ctx() ctx: Context) {
    return ctx.loaders.stepsOfCase.load(c.id);
  }

  @FieldResolver(() => [CaseMessage], {
    description:
      "The messages between the authority and the enterprise, oldest first: the enterprise's view of the trail.",
  })
  async messages(@Root() c: ComplaintCase, @Ctx() ctx: Context): Promise<CaseMessage[]> {
    const steps = await ctx.loaders.stepsOfCase.load(c.id);
    return steps
      .filter((s) => s.audience === StepAudience.ENTERPRISE)
      .map((s) => ({
        id: s.id,
        kind: s.kind,
        at: s.at,
        fromEnterprise: FROM_ENTERPRISE.has(s.kind),
        text: s.note ?? null,
      }));
  }

  @FieldResolver(() => RateableSubject, { description: 'What was rated.' })
  subject(@Root() c: ComplaintCase, @Ctx() ctx: Context) {
    return describeSubject(ctx.loaders, c.subjectKind, c.subjectId);
  }

  @FieldResolver(() => Branch, { description: 'The responsible unit.' })
  responsibleBranch(@Root() c: ComplaintCase, @Ctx() ctx: Context) {
    return ctx.loaders.branch.load(c.responsibleBranchId);
  }

  @FieldResolver(() => CaseContact, {
    description: 'The contact left on the form, under the consent it was left with.',
  })
  async contact(@Root() c: ComplaintCase, @Ctx() ctx: Context): Promise<CaseContact> {
    const form = await ctx.loaders.assessment.load(c.assessmentId);
    if (!form) return { consent: false, name: null, phone: null };
    return { consent: form.contactConsent, name: form.contactName ?? null, phone: form.contactPhone ?? null };
  }

  @FieldResolver(() => Assessment, { description: 'The form with the rating.' })
  assessment(@Root() c: ComplaintCase, @Ctx() ctx: Context) {
    return ctx.loaders.assessment.load(c.assessmentId);
  }

  @FieldResolver(() => [CaseStepAction], {
    description:
      'The steps you may take on the case now, from the lifecycle table (the API checks again when you take one).',
  })
  availableSteps(@Root() c: ComplaintCase, @Ctx() ctx: Context): CaseStepAction[] {
    return availableSteps(c, partyOf(ctx.viewer, c));
  }

  @FieldResolver(() => CaseAssignee, {
    nullable: true,
    description: 'The person of the handling unit the case is assigned to; null: the whole unit. Staff only.',
  })
  async assignee(@Root() c: ComplaintCase, @Ctx() ctx: Context): Promise<CaseAssignee | null> {
    if (!c.assigneeId) return null;
    const account = await ctx.loaders.account.load(c.assigneeId);
    return account ? { id: account.id, displayName: account.displayName } : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Working minutes until the current step is due (negative: overdue by that much); weekends and holidays do not count. Null when nothing is due.',
  })
  async workingMinutesLeft(@Root() c: ComplaintCase, @Ctx() ctx: Context): Promise<number | null> {
    const due = currentDeadline(c);
    if (!due) return null;
    const calendar = await workingCalendar(ctx.em, ctx.settings.cases);
    return Math.trunc(workingTimeBetween(calendar, ctx.clock(), due) / 60_000);
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() c: ComplaintCase, @Ctx() ctx: Context): boolean {
    const due = currentDeadline(c);
    return due !== null && due < ctx.clock();
  }
}

@Resolver(() => Assessment)
export class AssessmentCaseFields {
  @FieldResolver(() => [ComplaintCase], {
    description: 'The cases this form opened (its 1–2★ items), with their answers.',
  })
  async cases(@Root() form: Assessment, @Ctx() ctx: Context) {
    // The same case scope as `complaintCase`: a supervisor does not see cases routed to the
    // inspectors, nor, if it is also a rated officer, cases about itself.
    const scope = caseScope(ctx.viewer);
    return (await ctx.loaders.casesOfAssessment.load(form.id)).filter((c) => caseInScope(scope, c));
  }
}

@Resolver(() => CaseStep)
export class CaseStepFields {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The display name of the account that took the step; null for the system and for machines.',
  })
  async actorName(@Root() step: CaseStep, @Ctx() ctx: Context): Promise<string | null> {
    const match = /^account:(\d+)$/.exec(step.actor);
    if (!match) return null;
    return (await ctx.loaders.account.load(Number(match[1])))?.displayName ?? null;
  }

  @FieldResolver(() => Finding, {
    nullable: true,
    description: 'The finding this step recorded (a conclusion or a correction). Staff only.',
  })
  finding(@Root() step: CaseStep): Finding | null {
    return step.finding ?? null;
  }

  @FieldResolver(() => [CaseAction], {
    nullable: true,
    description: 'The actions this conclusion recorded. Staff only.',
  })
  actions(@Root() step: CaseStep): CaseAction[] | null {
    return step.actions ?? null;
  }
}

/** Who the viewer is to the case's lifecycle: a handler, the enterprise that rated, or neither. */
function partyOf(viewer: Viewer, c: ComplaintCase): CaseParty | null {
  if (viewer.kind === 'anonymous') return null;
  if (viewer.scope.officerId !== null && viewer.scope.officerId === c.ratedOfficerId) return null;
  if (can(viewer, 'case:handle')) return 'HANDLER';
  if (can(viewer, 'case:respond')) return 'ENTERPRISE';
  return null;
}

/** The viewer as the "waiting on me" queue needs it. */
function queueViewer(viewer: Viewer): QueueViewer | null {
  if (viewer.kind === 'anonymous') return null;
  return {
    accountId: viewer.kind === 'account' ? viewer.id : null,
    role: viewer.role,
    branchId: viewer.scope.branchId,
    departmentId: viewer.scope.departmentId,
  };
}

function idsOf(ids: string[]): number[] {
  if (ids.length < 1 || ids.length > MAX_PAGE_SIZE)
    throw badInput(`Choose 1 to ${MAX_PAGE_SIZE} cases.`, {
      invalid: [{ field: 'ids', problems: [`Choose 1 to ${MAX_PAGE_SIZE} cases.`] }],
    });
  return ids.map((id) => parseId(id, 'ids'));
}

function checked(answer: string): string {
  const text = answer.trim();
  if (text.length < 1 || text.length > 5000)
    throw badInput('The answer must be 1 to 5,000 characters.', {
      invalid: [{ field: 'answer', problems: ['The answer must be 1 to 5,000 characters.'] }],
    });
  return text;
}

function checkedNote(note: string): string {
  const text = note.trim();
  if (text.length < 1 || text.length > 5000)
    throw badInput('The note must be 1 to 5,000 characters.', {
      invalid: [{ field: 'note', problems: ['Write why (1 to 5,000 characters).'] }],
    });
  return text;
}

export const caseResolvers = [CaseResolver, AssessmentCaseFields, CaseStepFields] as const;
