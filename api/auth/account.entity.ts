/**
 * A person's account. Its role and scope (enterprise, officer, team, branch, department) decide
 * what it may see; the password is stored only as an argon2id hash and never reaches the schema.
 */
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Role } from './roles.js';

@Entity({ tableName: 'account' })
export class Account {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  login!: string;

  @Property({ type: 'string', length: 255 })
  passwordHash!: string;

  @Property({ type: 'string', length: 255 })
  displayName!: string;

  @Enum({ items: () => Role })
  role!: Role;

  /** ENTERPRISE: the enterprise the user acts for. */
  @Property({ type: 'integer', nullable: true })
  enterpriseId?: number | null;

  /** OFFICER: the officer the user is. */
  @Property({ type: 'integer', nullable: true })
  officerId?: number | null;

  /** SUPERVISOR of a team. */
  @Property({ type: 'integer', nullable: true })
  teamId?: number | null;

  /** SUPERVISOR of a branch. */
  @Property({ type: 'integer', nullable: true })
  branchId?: number | null;

  /** INSPECTOR or LEADER of a department; a LEADER without one sees the whole nation. */
  @Property({ type: 'integer', nullable: true })
  departmentId?: number | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;
}
