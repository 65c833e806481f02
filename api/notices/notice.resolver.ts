/**
 * Notices of new legal documents: administrators publish; enterprises (their users and their
 * declaration software) read a feed with an unread count and mark notices read; administrators
 * see how many enterprises read each one.
 */
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { enterpriseOf, requireViewer } from '../auth/permissions.js';
import { Role } from '../auth/roles.js';
import { actorOf, type KnownViewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, forbidden } from '../errors.js';
import { ConnectionType, PageArgs, paginate } from '../graphql/connection.js';
import { LegalNotice, LegalNoticeRead } from './notice.entity.js';

export const NoticeConnection = ConnectionType(LegalNotice);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
class PublishNoticeInput {
  @Field(() => String) @Length(1, 64) documentNumber!: string;
  @Field(() => String) @Length(1, 500) titleVi!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) titleEn?: string | null;
  @Field(() => String) @Length(1, 255) issuer!: string;
  @Field(() => String) @Matches(DATE, { message: 'issuedOn must be YYYY-MM-DD' }) issuedOn!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE, { message: 'effectiveOn must be YYYY-MM-DD' }) effectiveOn?: string | null;
  @Field(() => String) @Length(1, 10_000) summary!: string;
  @Field(() => String) @Matches(/^https?:\/\/\S{1,1990}$/, { message: 'sourceUrl must be an http(s) link to the official source' }) sourceUrl!: string;
  @Field(() => [ID], { nullable: true, description: 'Only these enterprises; all when absent.' }) @IsOptional() @ArrayMaxSize(10_000) enterpriseIds?: string[] | null;
}

/** Administrators see every notice; an enterprise, those addressed to all or to it. */
function audience(viewer: KnownViewer): FilterQuery<LegalNotice> {
  if (viewer.role === Role.ADMIN) return {};
  const enterpriseId = enterpriseOf(viewer);
  return { $or: [{ enterpriseIds: null }, { enterpriseIds: { $contains: [String(enterpriseId)] } }] };
}

function noticeReader(ctx: Context): KnownViewer {
  const viewer = requireViewer(ctx.viewer, 'catalog:read');
  if (viewer.role !== Role.ADMIN && viewer.role !== Role.ENTERPRISE) throw forbidden('Notices are for enterprises and administrators.');
  return viewer;
}

async function readIds(ctx: Context, enterpriseId: number): Promise<number[]> {
  return (await ctx.em.find(LegalNoticeRead, { enterpriseId })).map((r) => r.noticeId);
}

@Resolver(() => LegalNotice)
export class NoticeResolver {
  @Query(() => NoticeConnection, { description: 'Notices of new legal documents, newest first.' })
  async notices(@Args(() => PageArgs) page: PageArgs, @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean, @Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    const where: FilterQuery<LegalNotice>[] = [audience(viewer)];
    if (unreadOnly && viewer.role === Role.ENTERPRISE) where.push({ id: { $nin: await readIds(ctx, enterpriseOf(viewer)) } });
    return NoticeConnection.of(await paginate(ctx.em, LegalNotice, { $and: where } as FilterQuery<LegalNotice>, page, 'desc'));
  }

  @Query(() => Int, { description: 'Notices your enterprise has not read.' })
  async unreadNoticeCount(@Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    const enterpriseId = enterpriseOf(viewer);
    return ctx.em.count(LegalNotice, { $and: [audience(viewer), { id: { $nin: await readIds(ctx, enterpriseId) } }] } as FilterQuery<LegalNotice>);
  }

  @Mutation(() => LegalNotice, { description: 'Publish a notice (administrators).' })
  async publishNotice(@Arg('input', () => PublishNoticeInput) input: PublishNoticeInput, @Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    if (viewer.role !== Role.ADMIN) throw forbidden('Only administrators publish notices.');
    if (input.effectiveOn && input.effectiveOn < input.issuedOn) throw badInput('effectiveOn cannot be before issuedOn.');
    const ids = input.enterpriseIds?.map(Number);
    if (ids?.some((n) => !Number.isInteger(n) || n <= 0)) throw badInput('enterpriseIds must be positive whole ids.');
    const notice = ctx.em.create(LegalNotice, { ...input, enterpriseIds: ids ? ids.map(String) : null, publishedAt: ctx.clock(), publishedBy: actorOf(viewer) });
    await ctx.em.flush();
    return notice;
  }

  @Mutation(() => Int, { description: 'Mark notices read for your enterprise; returns how many were newly marked.' })
  async markNoticesRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context) {
    const viewer = noticeReader(ctx);
    const enterpriseId = enterpriseOf(viewer);
    if (ids.length > 500) throw badInput('Mark at most 500 notices at once.');
    const visible = await ctx.em.find(LegalNotice, { $and: [audience(viewer), { id: { $in: ids.map(Number).filter(Number.isInteger) } }] } as FilterQuery<LegalNotice>);
    const already = new Set(await readIds(ctx, enterpriseId));
    const fresh = visible.filter((n) => !already.has(n.id));
    for (const n of fresh) ctx.em.create(LegalNoticeRead, { noticeId: n.id, enterpriseId, readAt: ctx.clock() });
    await ctx.em.flush();
    return fresh.length;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether your enterprise read it (null for administrators).' })
  async read(@Root() notice: LegalNotice, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.role !== Role.ENTERPRISE) return null;
    return (await ctx.em.count(LegalNoticeRead, { noticeId: notice.id, enterpriseId: enterpriseOf(ctx.viewer) })) > 0;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'How many enterprises read it (administrators only).' })
  async readCount(@Root() notice: LegalNotice, @Ctx() ctx: Context) {
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.role !== Role.ADMIN) return null;
    return ctx.em.count(LegalNoticeRead, { noticeId: notice.id });
  }
}
