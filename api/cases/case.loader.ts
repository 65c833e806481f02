/** Per-request DataLoaders for complaint cases: the inbox lists many cases, each with its trail. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../graphql/loaders.js';
import { CaseStep } from './case-step.entity.js';
import { ComplaintCase } from './case.entity.js';

export function createCaseLoaders(em: EntityManager) {
  return {
    stepsOfCase: childrenLoader(em, CaseStep, 'caseId'),
    casesOfAssessment: childrenLoader(em, ComplaintCase, 'assessmentId'),
  };
}
