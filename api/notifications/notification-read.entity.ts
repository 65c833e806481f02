/** That an account has read a notification. */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'notification_read' })
export class NotificationRead {
  @PrimaryKey({ type: 'integer' })
  notificationId!: number;

  @PrimaryKey({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'datetime' })
  readAt!: Date;
}
