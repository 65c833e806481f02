/**
 * An in-app notification, addressed to an audience (a role within a scope: the inspectors of a
 * department, the supervisors of a branch, an enterprise's users) rather than to one account,
 * so that whoever holds the role sees it. Reading is recorded per account.
 */
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../auth/roles.js';

@ObjectType({ description: 'A message in the in-app inbox.' })
@Entity({ tableName: 'notification' })
@Index({ properties: ['audienceRole', 'audienceScopeId', 'id'] })
export class Notification {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Enum({ items: () => Role })
  audienceRole!: Role;

  /** The department, branch or enterprise of the audience; null: everyone with the role. */
  @Property({ type: 'integer', nullable: true })
  audienceScopeId?: number | null;

  /** e.g. "case.opened", "case.escalated", "case.answered". */
  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  topic!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'The case it is about, if any.' })
  @Property({ type: 'integer', nullable: true })
  caseId?: number | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
