/**
 * Data for My declarations: the unrated ones (no sent form, recent) or all of them, page by
 * page. Loading the unrated list also refreshes the navigation badge with its total.
 */
import { toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { DeclarationRow } from '../graphql/types';
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

/** Where a declaration's rating stands, as the server's one phase rule says (the list, badge and reminders use it too). */
export type RatingState = 'unrated' | 'draft' | 'sent' | 'closed' | 'cancelled';

const STATES: Record<DeclarationRow['ratingState'], RatingState> = {
  UNRATED: 'unrated',
  DRAFT: 'draft',
  RATED: 'sent',
  WINDOW_CLOSED: 'closed',
  CANCELLED: 'cancelled',
};

export function ratingStateOf(declaration: DeclarationRow): RatingState {
  return STATES[declaration.ratingState];
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
