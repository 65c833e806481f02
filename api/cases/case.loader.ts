/** Per-request DataLoaders for complaint cases: the inbox lists many cases, each with its trail. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../auth/account.entity.js';
import { byIdLoader, childrenLoader } from '../graphql/loaders.js';
import { CaseStep } from './case-step.entity.js';
import { ComplaintCase } from './case.entity.js';

export function createCaseLoaders(em: EntityManager) {
  return {
    stepsOfCase: childrenLoader(em, CaseStep, 'caseId'),
    casesOfAssessment: childrenLoader(em, ComplaintCase, 'assessmentId'),
    /** The accounts that took steps: the trail shows their names. */
    account: byIdLoader(em, Account),
  };
}
