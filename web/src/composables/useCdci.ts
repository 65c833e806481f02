/** Data of the CDCI ranking page. */
import { CdciRankingDocument } from '../graphql/generated';
import type { MaybeRefOrGetter } from 'vue';
import type { CdciRankingQueryVariables } from '../graphql/generated';
import { useQuery } from './useQuery';

export function useCdciRanking(variables: MaybeRefOrGetter<CdciRankingQueryVariables>) {
  return useQuery(CdciRankingDocument, variables);
}
