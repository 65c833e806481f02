/**
 * Routing rules of new cases for the administrators' page: the rules with the catalog they refer
 * to, and create / toggle / delete, each reloading the list once saved.
 */
import { computed, ref, shallowRef } from 'vue';
import casesDocument from '../../../schema/operations/cases.graphql?raw';
import { request, toRequestError, type GraphQLRequestError } from '../graphql/client';
import type {
  CaseRoutingRuleInput,
  CaseRoutingRulesQuery,
  CreateCaseRoutingRuleMutation,
  RoutingRule,
} from '../graphql/cases.types';
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
  const query = useQuery<CaseRoutingRulesQuery>(casesDocument, {}, { operationName: 'CaseRoutingRules' });
  const rules = computed(() => query.data.value?.caseRoutingRules ?? []);
  const saving = ref(false);
  const error = shallowRef<GraphQLRequestError | null>(null);

  async function run<T>(operationName: string, variables: Record<string, unknown>): Promise<T | null> {
    saving.value = true;
    error.value = null;
    try {
      const data = await request<T>(casesDocument, variables, { operationName });
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
      (await run<CreateCaseRoutingRuleMutation>('CreateCaseRoutingRule', { input }))?.createCaseRoutingRule ?? null,
    setActive: (rule: RoutingRule, active: boolean) =>
      run('UpdateCaseRoutingRule', { id: rule.id, input: { ...inputOf(rule), active } }),
    remove: (rule: RoutingRule) => run('DeleteCaseRoutingRule', { id: rule.id }),
  };
}
