/**
 * Notices of new legal documents: administrators publish; enterprises (their users and their
 * declaration software) read a feed with an unread count and mark notices read; administrators
 * see how many enterprises read each one.
 */
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  Length,
  Matches,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import type { FilterQuery } from '@mikro-orm/core';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { enterpriseOf, requireViewer } from '../auth/permissions.js';
import { Role } from '../auth/roles.js';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit-log.js';
import { publishEvent } from '../messages/publish.js';
import type { Context } from '../context.js';
import { badInput, forbidden } from '../errors.js';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { ConnectionType, PageArgs, paginate } from '../graphql/connection.js';
import { LegalNotice, LegalNoticeRead } from './notice.entity.js';

export const NoticeConnection = ConnectionType(LegalNotice);
/** A notice may go to thousands of enterprises; a list of notices names only the first ones of each. */
const LISTED_ENTERPRISES = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Some non-space character: a title of blanks is no title. */
const TEXT = /\S/;

/** A real calendar day: the pattern alone lets 2026-02-31 through, and Postgres would not. */
function isCalendarDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// As decorators, so every field problem comes back in one answer (a form shows them all at once).
const CalendarDay = () =>
  ValidateBy({
    name: 'calendarDay',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && isCalendarDay(v),
      defaultMessage: (a?: ValidationArguments) => `${a?.property} must be a calendar day, YYYY-MM-DD`,
    },
  });
const NotBefore = (other: string) =>
  ValidateBy({
    name: 'notBefore',
    constraints: [other],
    validator: {
      validate: (v: unknown, a?: ValidationArguments) => {
        const before = (a?.object as Record<string, unknown> | undefined)?.[other];
        return typeof v !== 'string' || typeof before !== 'string' || v >= before;
      },
      defaultMessage: (a?: ValidationArguments) => `${a?.property} cannot be before ${other}`,
    },
  });

@InputType()
class PublishNoticeInput {
  @Field(() => String)
  @Length(1, 64)
  @Matches(TEXT, { message: 'documentNumber must not be blank' })
  documentNumber!: string;
  @Field(() => String) @Length(1, 500) @Matches(TEXT, { message: 'titleVi must not be blank' }) titleVi!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) titleEn?: string | null;
  @Field(() => String) @Length(1, 255) @Matches(TEXT, { message: 'issuer must not be blank' }) issuer!: string;
  @Field(() => String) @CalendarDay() issuedOn!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @CalendarDay() @NotBefore('issuedOn') effectiveOn?:
    string | null;
  @Field(() => String) @Length(1, 10_000) @Matches(TEXT, { message: 'summary must not be blank' }) summary!: string;
  @Field(() => String)
  @Matches(/^https?:\/\/\S{1,1990}$/, { message: 'sourceUrl must be an http(s) link to the official source' })
  sourceUrl!: string;
  @Field(() => [ID], { nullable: true, description: 'Only these enterprises; all when absent.' })
  @IsOptional()
  @ArrayMinSize(1, { message: 'enterpriseIds must name at least one enterprise (omit it for all)' })
  @ArrayMaxSize(10_000)
  enterpriseIds?: string[] | null;
}

/** Refusal of one input field, in the shape the validator gives (`extensions.invalid`), so forms can show it beside the field. */
const invalidField = (field: string, problem: string) =>
  badInput(problem, { invalid: [{ field, problems: [problem] }] });

/** Checks what the decorators cannot: that the enterprises exist. Returns the audience ids. */
async function validAudience(ctx: Context, input: PublishNoticeInput): Promise<number[] | null> {
  if (!input.enterpriseIds) return null;
  const ids = [...new Set(input.enterpriseIds.map(Number))];
  if (ids.some((n) => !Number.isInteger(n) || n <= 0))
    throw invalidField('enterpriseIds', 'enterpriseIds must be positive whole ids');
  const known = await ctx.em.count(Enterprise, { id: { $in: ids } });
  if (known !== ids.length) throw invalidField('enterpriseIds', 'enterpriseIds name an unknown enterprise');
  return ids;
}

/** Administrators see every notice; an enterprise, those addressed to all or to it. */
function audience(viewer: KnownViewer): FilterQuery<LegalNotice> {
  if (viewer.role === Role.ADMIN) return {};
  const enterpriseId = enterpriseOf(viewer);
  return { $or: [{ enterpriseIds: null }, { enterpriseIds: { $contains: [String(enterpriseId)] } }] };
}

function noticeReader(ctx: Context): KnownViewer {
  const viewer = requireViewer(ctx.viewer, 'catalog:read');
  if (viewer.role !== Role.ADMIN && viewer.role !== Role.ENTERPRISE)
    throw forbidden('Notices are for enterprises and administrators.');
  return viewer;
}

async function readIds(ctx: Context, enterpriseId: number): Promise<number[]> {
  return (await ctx.em.find(LegalNoticeRead, { enterpriseId })).map((r) => r.noticeId);
}

@Resolver(() => LegalNotice)
export class NoticeResolver {
  @Query(() => NoticeConnection, { description: 'Notices of new legal documents, newest first.' })
  async notices(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: Context,
  ) {
    const viewer = noticeReader(ctx);
    const where: FilterQuery<LegalNotice>[] = [audience(viewer)];
    if (unreadOnly && viewer.role === Role.ENTERPRISE)
      where.push({ id: { $nin: await readIds(ctx, enterpriseOf(viewer)) } });
    return NoticeConnection.of(await paginate(ctx.em, LegalNotice, { $and: where }, page, 'desc'));
  }

  @Query(() => Int, { description: 'Notices your enterprise has not read.' })
  async unreadNoticeCount(@Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    const enterpriseId = enterpriseOf(viewer);
    return ctx.em.count(LegalNotice, {
      $and: [audience(viewer), { id: { $nin: await readIds(ctx, enterpriseId) } }],
    });
  }

  @Mutation(() => LegalNotice, { description: 'Publish a notice (administrators).' })
  async publishNotice(@Arg('input', () => PublishNoticeInput) input: PublishNoticeInput, @Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    if (viewer.role !== Role.ADMIN) throw forbidden('Only administrators publish notices.');
    const ids = await validAudience(ctx, input);
    // The notice and its notice.published events (one for all enterprises, or one per enterprise named) commit together.
    return ctx.em.transactional(async (em) => {
      const notice = em.create(LegalNotice, {
        ...input,
        enterpriseIds: ids ? ids.map(String) : null,
        publishedAt: ctx.clock(),
        publishedBy: actorOf(viewer),
      });
      await em.flush();
      recordAudit(
        em,
        viewer,
        'notice.publish',
        { kind: 'notice', id: notice.id },
        { documentNumber: notice.documentNumber, audience: ids ? ids.length : 'all' },
        ctx.clock(),
      );
      const data = {
        noticeId: notice.id,
        documentNumber: notice.documentNumber,
        title: notice.titleVi,
        issuer: notice.issuer,
        issuedOn: notice.issuedOn,
        effectiveOn: notice.effectiveOn ?? null,
        sourceUrl: notice.sourceUrl,
      };
      for (const enterpriseId of ids ?? [null])
        publishEvent(em, {
          type: 'notice.published',
          occurredAt: notice.publishedAt,
          data,
          enterpriseId,
          isPublic: enterpriseId === null,
        });
      await em.flush();
      return notice;
    });
  }

  @Mutation(() => Int, { description: 'Mark notices read for your enterprise; returns how many were newly marked.' })
  async markNoticesRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    const enterpriseId = enterpriseOf(viewer);
    if (ids.length > 500) throw badInput('Mark at most 500 notices at once.');
    const visible = await ctx.em.find(LegalNotice, {
      $and: [audience(viewer), { id: { $in: ids.map(Number).filter(Number.isInteger) } }],
    });
    const already = new Set(await readIds(ctx, enterpriseId));
    const fresh = visible.filter((n) => !already.has(n.id));
    for (const n of fresh) ctx.em.create(LegalNoticeRead, { noticeId: n.id, enterpriseId, readAt: ctx.clock() });
    await ctx.em.flush();
    return fresh.length;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether your enterprise read it (null for administrators).',
  })
  async read(@Root() notice: LegalNotice, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.role !== Role.ENTERPRISE) return null;
    return ctx.loaders.noticeRead.load([notice.id, enterpriseOf(ctx.viewer)]);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'How many enterprises read it (administrators only).' })
  async readCount(@Root() notice: LegalNotice, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.role !== Role.ADMIN) return null;
    return ctx.loaders.readCountOfNotice.load(notice.id);
  }

  @FieldResolver(() => Boolean, { description: 'Addressed to every enterprise (otherwise to some).' })
  forAllEnterprises(@Root() notice: LegalNotice) {
    return !notice.enterpriseIds;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'How many enterprises it is addressed to: all of them, or the ones chosen (administrators only).',
  })
  async audienceSize(@Root() notice: LegalNotice, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.role !== Role.ADMIN) return null;
    if (notice.enterpriseIds) return notice.enterpriseIds.length;
    return ctx.loaders.enterpriseTotal();
  }

  @FieldResolver(() => [Enterprise], {
    nullable: true,
    description: `The enterprises chosen, the first ${LISTED_ENTERPRISES} of them (audienceSize counts all); null when addressed to all (administrators only).`,
  })
  async enterprises(@Root() notice: LegalNotice, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.role !== Role.ADMIN || !notice.enterpriseIds) return null;
    const found = await ctx.loaders.enterprise.loadMany(notice.enterpriseIds.slice(0, LISTED_ENTERPRISES).map(Number));
    return found.filter((e): e is Enterprise => e instanceof Enterprise);
  }
}
