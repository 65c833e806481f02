/**
 * Saved views: each staff account keeps up to MAX_SAVED_VIEWS named views of the statistics pages.
 * Saving under a name already used replaces that view (the console says so), so a view can be
 * brought up to date without a second list entry.
 */
import { MaxLength, MinLength } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { SavedView } from './saved-view.entity.js';

export const MAX_SAVED_VIEWS = 100;
/** The console pages whose whole state lives in the URL, and so can be saved. */
export const SAVABLE_PAGES = [
  '/overview',
  '/explore',
  '/pivot',
  '/scorecards',
  '/forms',
  '/cases',
  '/survey-report',
  '/cdci',
];
const PATH = /^(\/[a-z-]+)(\?[^\s#]*)?$/;

@InputType()
class SaveViewInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @Field(() => String, { description: `A console path and query; one of ${SAVABLE_PAGES.join(', ')}.` })
  @MinLength(2)
  @MaxLength(2000)
  path!: string;
}

function owner(ctx: Context) {
  const viewer = requireViewer(ctx.viewer, 'view:save');
  if (viewer.kind !== 'account') throw forbidden('Saved views belong to signed-in accounts.');
  return viewer;
}

export function checkViewPath(path: string): string {
  const match = PATH.exec(path);
  if (!match || !SAVABLE_PAGES.includes(match[1]))
    throw badInput(`A view is a path of one of the pages ${SAVABLE_PAGES.join(', ')}, with its query.`, {
      field: 'path',
    });
  return path;
}

@Resolver(() => SavedView)
export class SavedViewResolver {
  @Query(() => [SavedView], { description: 'Your saved views, most recently saved first.' })
  savedViews(@Ctx() ctx: Context) {
    const viewer = owner(ctx);
    return ctx.em.find(
      SavedView,
      { ownerAccountId: viewer.id },
      { orderBy: { updatedAt: 'desc', id: 'desc' }, limit: MAX_SAVED_VIEWS },
    );
  }

  @Mutation(() => SavedView, { description: 'Saves a view under a name; a view of yours with that name is replaced.' })
  async saveView(@Arg('input', () => SaveViewInput) input: SaveViewInput, @Ctx() ctx: Context) {
    const viewer = owner(ctx);
    const name = input.name.trim();
    if (!name) throw badInput('Give the view a name.', { field: 'name' });
    const path = checkViewPath(input.path);
    const now = ctx.clock();
    return ctx.em.transactional(async (em) => {
      // Serialises one account's saves, so the cap and the name stay exact under concurrent clicks.
      await em.execute('select id from account where id = ? for update', [viewer.id]);
      const existing = await em.findOne(SavedView, { ownerAccountId: viewer.id, name });
      if (existing) {
        existing.path = path;
        existing.updatedAt = now;
        return existing;
      }
      if ((await em.count(SavedView, { ownerAccountId: viewer.id })) >= MAX_SAVED_VIEWS)
        throw conflict(`You have ${MAX_SAVED_VIEWS} saved views, the most allowed: delete one first.`);
      return em.create(SavedView, { ownerAccountId: viewer.id, name, path, createdAt: now, updatedAt: now });
    });
  }

  @Mutation(() => Boolean, { description: 'Deletes one of your saved views.' })
  async deleteSavedView(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const viewer = owner(ctx);
    const deleted = await ctx.em.nativeDelete(SavedView, { id: parseId(id, 'id'), ownerAccountId: viewer.id });
    if (!deleted) throw notFound(`No saved view ${id} is yours.`);
    return true;
  }
}
