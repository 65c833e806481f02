/**
 * Data of the survey pages: the enterprise's campaigns, one campaign's form (catalogue, branch
 * options, saved response) with save and submit, and the staff report of a review period with
 * the improvement-measure mutation.
 */
import { toValue, type MaybeRefOrGetter } from 'vue';
import document from '../../../schema/operations/surveys.graphql?raw';
import type {
  SaveSurveyResponseMutation,
  SaveSurveyResponseMutationVariables,
  SetSurveyImprovementMeasureMutation,
  SetSurveyImprovementMeasureMutationVariables,
  SubmitSurveyResponseMutation,
  SubmitSurveyResponseMutationVariables,
  SurveyCampaignsQuery,
  SurveyFormQuery,
  SurveyFormQueryVariables,
  SurveyReportQuery,
  SurveyReportQueryVariables,
} from '../graphql/generated';
import { useMutation } from './useMutation';
import { useQuery } from './useQuery';

export function useSurveyCampaigns() {
  return useQuery<SurveyCampaignsQuery>(document, {}, { operationName: 'SurveyCampaigns' });
}

export function useSurveyForm(id: MaybeRefOrGetter<string>) {
  const form = useQuery<SurveyFormQuery, SurveyFormQueryVariables>(document, () => ({ id: toValue(id) }), {
    operationName: 'SurveyForm',
  });
  const save = useMutation<SaveSurveyResponseMutation, SaveSurveyResponseMutationVariables>(document, {
    operationName: 'SaveSurveyResponse',
  });
  const submit = useMutation<SubmitSurveyResponseMutation, SubmitSurveyResponseMutationVariables>(document, {
    operationName: 'SubmitSurveyResponse',
  });
  return { form, save, submit };
}

export function useSurveyReport(variables: MaybeRefOrGetter<SurveyReportQueryVariables>) {
  const report = useQuery<SurveyReportQuery, SurveyReportQueryVariables>(document, variables, {
    operationName: 'SurveyReport',
  });
  const setMeasure = useMutation<SetSurveyImprovementMeasureMutation, SetSurveyImprovementMeasureMutationVariables>(
    document,
    {
      operationName: 'SetSurveyImprovementMeasure',
    },
  );
  return { report, setMeasure };
}
