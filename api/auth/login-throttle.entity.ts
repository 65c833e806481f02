/**
 * The state of login throttling (rate-limiter-flexible's RateLimiterPostgres table): one row per
 * counted key, e.g. "login-fail:acct:enterprise" or "login-pause:ip:10.0.0.7". In Postgres so
 * that every replica sees the same failures.
 */
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  /** Epoch milliseconds when the count lapses (the library's own format). */
  @Property({ type: 'bigint', nullable: true })
  expire?: string | null;
}
