/**
 * Every kind of viewer the access policy distinguishes, signed in on a seeded test server: the
 * demo logins and keys, plus accounts made here for a second enterprise, a supervisor of another
 * branch, a supervisor who is also a rated officer, and an inspector of another department.
 */
import { Account } from '../../api/auth/account.entity.js';
import { hashPassword } from '../../api/auth/passwords.js';
import { Role } from '../../api/auth/roles.js';
import type { TestServer } from './server.js';
import type { TestStores } from './stores.js';

export const VIEWER_KINDS = [
  'anonymous',
  'enterprise',
  'enterpriseKey',
  'secondEnterprise',
  'officer',
  'supervisor',
  'otherBranchSupervisor',
  'officerSupervisor',
  'inspector',
  'otherDepartmentInspector',
  'leader',
  'admin',
  'adminKey',
  'systemKey',
  'analyticsKey',
] as const;
export type ViewerKind = (typeof VIEWER_KINDS)[number];

export interface ViewerInfo {
  credential: string | undefined;
  role: Role | null;
  /** The officer a supervisor-officer is (has cases about itself in branch 1). */
  officerId?: number;
}

export async function signInEveryone(api: { stores: TestStores; server: TestServer }) {
  const em = api.stores.em();
  // A rated officer of branch 1 with a case about it that the branch handles.
  const [rated] = await em
    .getConnection()
    .execute<{ officer_id: number }[]>(
      `select rated_officer_id as officer_id from complaint_case where responsible_branch_id = 1 and handler = 'BRANCH' and rated_officer_id is not null order by id limit 1`,
    );
  const passwordHash = await hashPassword('demo');
  const extra = [
    { login: 'enterprise2', role: Role.ENTERPRISE, enterpriseId: 2 },
    { login: 'supervisor2', role: Role.SUPERVISOR, branchId: 2 },
    { login: 'officer-supervisor', role: Role.SUPERVISOR, branchId: 1, officerId: Number(rated.officer_id) },
    { login: 'inspector2', role: Role.INSPECTOR, departmentId: 999 },
  ];
  for (const a of extra)
    em.create(Account, { ...a, displayName: a.login, passwordHash, createdAt: new Date() } as never);
  await em.flush();
  const login = (name: string) => api.server.login(name);
  const viewers: Record<ViewerKind, ViewerInfo> = {
    anonymous: { credential: undefined, role: null },
    enterprise: { credential: await login('enterprise'), role: Role.ENTERPRISE },
    enterpriseKey: { credential: 'sqa_demo_declaration_software', role: Role.ENTERPRISE },
    secondEnterprise: { credential: await login('enterprise2'), role: Role.ENTERPRISE },
    officer: { credential: await login('officer'), role: Role.OFFICER },
    supervisor: { credential: await login('supervisor'), role: Role.SUPERVISOR },
    otherBranchSupervisor: { credential: await login('supervisor2'), role: Role.SUPERVISOR },
    officerSupervisor: {
      credential: await login('officer-supervisor'),
      role: Role.SUPERVISOR,
      officerId: Number(rated.officer_id),
    },
    inspector: { credential: await login('inspector'), role: Role.INSPECTOR },
    otherDepartmentInspector: { credential: await login('inspector2'), role: Role.INSPECTOR },
    leader: { credential: await login('leader'), role: Role.LEADER },
    admin: { credential: await login('admin'), role: Role.ADMIN },
    adminKey: { credential: 'sqa_demo_admin', role: Role.ADMIN },
    systemKey: { credential: 'sqa_demo_system_feed', role: Role.SYSTEM },
    analyticsKey: { credential: 'sqa_demo_analytics', role: Role.ANALYTICS },
  };
  return viewers;
}
