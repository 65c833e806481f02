/**
 * One administrative action (an org chart change, an account created, a password reset, a key
 * revoked, a holiday set…), written in the same transaction as the action itself. Append-only.
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An administrative action, as recorded when it was taken.' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['targetKind', 'targetId'] })
export class AuditEntry {
  [OptionalProps]?: 'detailsJson';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => Date)
  @Index()
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => String, { description: '"account:12", "apiKey:3", or "cli" for the command line.' })
  @Index()
  @Property({ type: 'string', length: 64 })
  actor!: string;

  @Field(() => String, { description: 'What was done, e.g. "account.create", "officer.move", "orgChart.import".' })
  @Index()
  @Property({ type: 'string', length: 64 })
  action!: string;

  @Field(() => String, { description: 'The kind of thing acted on, e.g. "account", "team", "holiday".' })
  @Property({ type: 'string', length: 32 })
  targetKind!: string;

  @Field(() => String, { nullable: true, description: 'Its id or code.' })
  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string | null;

  /** What changed (never a password, token or key); the schema shows it as JSON text. */
  @Property({ type: 'json' })
  details!: Record<string, unknown>;

  @Field(() => String, {
    name: 'details',
    description: 'What changed, as a JSON object (never a password, token or key).',
  })
  get detailsJson(): string {
    return JSON.stringify(this.details);
  }
}
