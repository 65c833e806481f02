/**
 * A one-time link to set a password: given when an administrator creates an account or resets
 * its password. Only the SHA-256 of the link's token is stored; using it (or a newer invitation)
 * ends it.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'account_invitation' })
export class AccountInvitation {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Index()
  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** Who asked for it: "account:1", or "cli" for the first administrator. */
  @Property({ type: 'string', length: 64 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** When the password was set with it, or when a newer invitation or a deactivation ended it. */
  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
