/**
 * Data of the survey pages: the enterprise's campaigns, one campaign's form (catalogue, branch
 * options, saved response) with save and submit, and the staff report of a review period with
 * the improvement-measure mutation.
 */
import {
  SaveSurveyResponseDocument,
  SetSurveyImprovementMeasureDocument,
  SubmitSurveyResponseDocument,
  SurveyCampaignsDocument,
  SurveyFormDocument,
  SurveyReportDocument,
} from '../graphql/generated';
import { toValue, type MaybeRefOrGetter } from 'vue';
import type { SurveyReportQueryVariables } from '../graphql/generated';
import { useMutation } from './useMutation';
import { useQuery } from './useQuery';

export function useSurveyCampaigns() {
  return useQuery(SurveyCampaignsDocument, {});
}

export function useSurveyForm(id: MaybeRefOrGetter<string>) {
  const form = useQuery(SurveyFormDocument, () => ({ id: toValue(id) }));
  const save = useMutation(SaveSurveyResponseDocument);
  const submit = useMutation(SubmitSurveyResponseDocument);
  return { form, save, submit };
}

export function useSurveyReport(variables: MaybeRefOrGetter<SurveyReportQueryVariables>) {
  const report = useQuery(SurveyReportDocument, variables);
  const setMeasure = useMutation(SetSurveyImprovementMeasureDocument);
  return { report, setMeasure };
}
