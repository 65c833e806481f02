/**
 * An in-app notification, addressed to an audience (a role within a scope: the inspectors of a
 * department, the supervisors of a branch, an enterprise's users) or to one account, so that
 * whoever holds the role sees it. Reading is recorded per account. It carries no sentence: a
 * message key and its parameters, which the console renders in the reader's language, and the
 * console path it leads to.
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../auth/roles.js';
import { MessageParam, toMessageParams } from '../messages/message-param.js';

@ObjectType({ description: 'A message in the in-app inbox.' })
@Entity({ tableName: 'notification' })
@Index({ properties: ['audienceRole', 'audienceScopeId', 'id'] })
@Index({ properties: ['audienceAccountId', 'id'] })
export class Notification {
  [OptionalProps]?: 'messageParams';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Enum({ items: () => Role, nullable: true })
  audienceRole?: Role | null;

  /** The department, branch or enterprise of the audience; null: everyone with the role. */
  @Property({ type: 'integer', nullable: true })
  audienceScopeId?: number | null;

  /** Addressed to one account (a report's subscriber, an alert rule's owner). */
  @Property({ type: 'integer', nullable: true })
  audienceAccountId?: number | null;

  /** The event type, e.g. "case.opened", "rating.reminder". */
  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  topic!: string;

  @Field(() => String, { description: 'The message catalogue key; the console renders it in the reader’s language.' })
  @Property({ type: 'string', length: 64 })
  messageKey!: string;

  @Property({ type: 'json' })
  messageParams: Record<string, string | number> = {};

  @Field(() => [MessageParam], { description: 'The values the message names.' })
  params(): MessageParam[] {
    return toMessageParams(this.messageParams);
  }

  @Field(() => String, { nullable: true, description: 'The console path it leads to: the form, case or report.' })
  @Property({ type: 'string', length: 500, nullable: true })
  link?: string | null;

  @Field(() => ID, { nullable: true, description: 'The case it is about, if any.' })
  @Property({ type: 'integer', nullable: true })
  caseId?: number | null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt!: Date;
}
