/** Per-request DataLoaders for the organisation catalog. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, childrenLoader, countLoader } from '../graphql/loaders.js';
import { Branch } from './branch.entity.js';
import { Department } from './department.entity.js';
import { Enterprise } from './enterprise.entity.js';
import { OfficerAssignment } from './officer-assignment.entity.js';
import { Officer } from './officer.entity.js';
import { Stage } from './stage.entity.js';
import { Team } from './team.entity.js';

export function createCatalogLoaders(em: EntityManager) {
  return {
    department: byIdLoader(em, Department),
    branch: byIdLoader(em, Branch),
    team: byIdLoader(em, Team),
    stage: byIdLoader(em, Stage),
    officer: byIdLoader(em, Officer),
    enterprise: byIdLoader(em, Enterprise),
    branchesOfDepartment: childrenLoader(em, Branch, 'department', {}, { code: 'asc' }),
    teamsOfBranch: childrenLoader(em, Team, 'branch', {}, { code: 'asc' }),
    assignmentsOfOfficer: childrenLoader(em, OfficerAssignment, 'officer', {}, { validFrom: 'asc' }),
    currentAssignmentsOfTeam: childrenLoader(em, OfficerAssignment, 'team', { validTo: null }),
    officerCountOfTeam: countLoader(em, 'officer_assignment', 'team_id', 'and valid_to is null'),
  };
}
