/**
 * Improvement measures for low-mark items: one per review period, branch and indicator, written
 * by the branch's supervisors or the inspection staff, with its owner and whether it is beyond
 * the branch's authority (then reported to the General Department).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SurveyScope } from '../auth/permissions.js';
import { Branch } from '../catalog/branch.entity.js';
import { forbidden, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { parseReviewPeriod } from '../periods.js';
import { SurveyImprovementMeasure, SurveyIndicator } from './survey.entity.js';
import type { ImprovementMeasureInput, SurveyImprovementMeasureView } from './survey.types.js';

export function mayWriteMeasure(scope: SurveyScope, branchId: number, departmentId: number): boolean {
  if (scope.branchId !== null && scope.branchId !== branchId) return false;
  return scope.departmentId === null || scope.departmentId === departmentId;
}

export async function setImprovementMeasure(
  em: EntityManager,
  scope: SurveyScope,
  input: ImprovementMeasureInput,
  actor: string,
  now: Date,
): Promise<SurveyImprovementMeasureView> {
  const period = parseReviewPeriod(input.period);
  const branchId = parseId(input.branchId, 'branchId');
  const indicatorId = parseId(input.indicatorId, 'indicatorId');
  const [branch, indicator] = await Promise.all([
    em.findOne(Branch, { id: branchId }),
    em.findOne(SurveyIndicator, { id: indicatorId }),
  ]);
  if (!branch) throw notFound('No such branch.');
  if (!indicator) throw notFound('No such survey indicator.');
  if (!mayWriteMeasure(scope, branch.id, branch.department.id))
    throw forbidden('You may record measures only for branches in your scope.');
  const fields = {
    measure: input.measure.trim(),
    owner: input.owner.trim(),
    beyondBranchAuthority: input.beyondBranchAuthority,
    updatedBy: actor,
    updatedAt: now,
  };
  let measure = await em.findOne(SurveyImprovementMeasure, { periodKey: period.key, branch, indicator });
  if (measure) em.assign(measure, fields);
  else measure = em.create(SurveyImprovementMeasure, { periodKey: period.key, branch, indicator, ...fields });
  await em.flush();
  return {
    period: period.key,
    branchId: String(branch.id),
    indicatorId: String(indicator.id),
    measure: measure.measure,
    owner: measure.owner,
    beyondBranchAuthority: measure.beyondBranchAuthority,
    updatedAt: measure.updatedAt,
  };
}
