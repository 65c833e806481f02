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

/** `search`: digits of a number; a search lists all declarations holding them, whatever the view. */
export function useDeclarationList(view: MaybeRefOrGetter<DeclarationView>, search: MaybeRefOrGetter<string | null>) {
  const unrated = () => toValue(view) === 'unrated' && !toValue(search);
  const list = useConnection(() => {
    const digits = toValue(search);
    return unrated()
      ? { document: UnratedDeclarationsDocument, connection: connectionOf, variables: {} }
      : {
          document: DeclarationsDocument,
          connection: connectionOf,
          variables: digits ? { filter: { numberContains: digits } } : {},
        };
  });
  watch([list.state, list.totalCount], ([state, total]) => {
    if (state === 'ready' && unrated()) setUnratedCount(total);
  });
  return list;
}
