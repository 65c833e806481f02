/**
 * Data for My declarations: the unrated ones (no sent form, recent) or all of them, page by
 * page. Loading the unrated list also refreshes the navigation badge with its total.
 */
import { toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { DeclarationRow } from '../graphql/types';
import { phaseOf } from '../rating/form';
import {
  DeclarationsDocument,
  UnratedDeclarationsDocument,
  type DeclarationsQuery,
  type UnratedDeclarationsQuery,
} from '../graphql/generated';
import { useConnection } from './useConnection';
import { setUnratedCount } from './useUnratedCount';

export type DeclarationView = 'unrated' | 'all';

/** Both lists have the same rows; the view picks the operation. */
function connectionOf(data: UnratedDeclarationsQuery | DeclarationsQuery) {
  return 'unratedDeclarations' in data ? data.unratedDeclarations : data.declarations;
}

/** Where a declaration stands for the phase it is rated in now. */
export type RatingState = 'unrated' | 'draft' | 'sent' | 'cancelled';

export function ratingStateOf(declaration: DeclarationRow): RatingState {
  if (declaration.status === 'CANCELLED') return 'cancelled';
  const phase = phaseOf(declaration);
  const forms = declaration.assessments.filter((a) => a.phase === phase);
  if (forms.some((a) => a.status === 'SENT')) return 'sent';
  if (forms.some((a) => a.status === 'RECORDED')) return 'draft';
  return 'unrated';
}

export function useDeclarationList(view: MaybeRefOrGetter<DeclarationView>) {
  const list = useConnection(() => ({
    document: toValue(view) === 'unrated' ? UnratedDeclarationsDocument : DeclarationsDocument,
    connection: connectionOf,
    variables: {},
  }));
  watch([list.state, list.totalCount], ([state, total]) => {
    if (state === 'ready' && toValue(view) === 'unrated') setUnratedCount(total);
  });
  return list;
}
