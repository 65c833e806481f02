/** Data of the CDCI ranking page. */
import type { MaybeRefOrGetter } from 'vue';
import document from '../../../schema/operations/cdci.graphql?raw';
import type { CdciRankingQuery, CdciRankingQueryVariables } from '../graphql/generated';
import { useQuery } from './useQuery';

export function useCdciRanking(variables: MaybeRefOrGetter<CdciRankingQueryVariables>) {
  return useQuery<CdciRankingQuery, CdciRankingQueryVariables>(document, variables, { operationName: 'CdciRanking' });
}
