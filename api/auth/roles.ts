/** The roles a viewer can hold. Accounts (people) and API keys (machines) share this vocabulary. */
import { registerEnumType } from 'type-graphql';

export enum Role {
  ENTERPRISE = 'ENTERPRISE',
  OFFICER = 'OFFICER',
  SUPERVISOR = 'SUPERVISOR',
  INSPECTOR = 'INSPECTOR',
  LEADER = 'LEADER',
  ADMIN = 'ADMIN',
  SYSTEM = 'SYSTEM',
  ANALYTICS = 'ANALYTICS',
}

registerEnumType(Role, { name: 'Role' });
