/**
 * How a person wants to hear from the platform: the language messages are written in, the
 * address e-mail goes to, and which channels to use. An account without a row gets in-app
 * messages in Vietnamese and no e-mail.
 */
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'message_preference' })
export class MessagePreference {
  [OptionalProps]?: 'locale' | 'inApp' | 'byEmail';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  accountId!: number;

  @Property({ type: 'string', length: 8 })
  locale: string = 'vi';

  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Property({ type: 'boolean' })
  inApp: boolean = true;

  @Property({ type: 'boolean' })
  byEmail: boolean = false;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
