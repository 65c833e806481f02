/**
 * An API key for machine clients. Only a SHA-256 hash is stored; the key itself is shown once.
 * No field of this entity is exposed by the schema.
 */
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Role } from './roles.js';

@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 255 })
  name!: string;

  @Property({ type: 'string', length: 64, unique: true })
  keyHash!: string;

  @Property({ type: 'string', length: 16 })
  keyPrefix!: string;

  @Enum({ items: () => Role })
  role!: Role;

  /** ENTERPRISE keys (declaration software) act for this enterprise only. */
  @Property({ type: 'integer', nullable: true })
  enterpriseId?: number | null;

  /** Who created the key (an account id), for the audit trail. */
  @Property({ type: 'integer', nullable: true })
  createdBy?: number | null;

  /** Cost points per hour for this key; null: GRAPHQL_COST_BUDGET_PER_HOUR. */
  @Property({ type: 'integer', nullable: true })
  costBudgetPerHour?: number | null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
