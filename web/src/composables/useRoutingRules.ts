/**
 * Routing rules of new cases for the administrators' page: the rules with the catalog they refer
 * to, and create / toggle / delete, each reloading the list once saved.
 */
import { computed, ref, shallowRef } from 'vue';
import {
  request,
  toRequestError,
  type Document,
  type GraphQLRequestError,
  type GraphQLVariables,
} from '../graphql/client';
import {
  CaseRoutingRulesDocument,
  CreateCaseRoutingRuleDocument,
  DeleteCaseRoutingRuleDocument,
  UpdateCaseRoutingRuleDocument,
} from '../graphql/generated';
import type { CaseRoutingRuleInput, RoutingRule } from '../graphql/cases.types';
import { useQuery } from './useQuery';

export function inputOf(rule: RoutingRule): CaseRoutingRuleInput {
  return {
    priority: rule.priority,
    subjectKind: rule.subjectKind,
    departmentId: rule.department?.id ?? null,
    branchId: rule.branch?.id ?? null,
    stageId: rule.stage?.id ?? null,
    target: rule.target,
    targetBranchId: rule.targetBranch?.id ?? null,
    active: rule.active,
    note: rule.note,
  };
}

export function useRoutingRules() {
  const query = useQuery(CaseRoutingRulesDocument, {});
  const rules = computed(() => query.data.value?.caseRoutingRules ?? []);
  const saving = ref(false);
  const error = shallowRef<GraphQLRequestError | null>(null);

  async function run<T, V extends GraphQLVariables>(
    document: Document<T, V>,
    variables: NoInfer<V>,
  ): Promise<T | null> {
    saving.value = true;
    error.value = null;
    try {
      const data = await request(document, variables);
      await query.refetch();
      return data;
    } catch (caught) {
      error.value = toRequestError(caught);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    ...query,
    rules,
    saving,
    saveError: error,
    create: async (input: CaseRoutingRuleInput) =>
      (await run(CreateCaseRoutingRuleDocument, { input }))?.createCaseRoutingRule ?? null,
    setActive: (rule: RoutingRule, active: boolean) =>
      run(UpdateCaseRoutingRuleDocument, { id: rule.id, input: { ...inputOf(rule), active } }),
    remove: (rule: RoutingRule) => run(DeleteCaseRoutingRuleDocument, { id: rule.id }),
  };
}
