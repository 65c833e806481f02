import { Migration } from '@mikro-orm/migrations';

/**
 * A change that can end or alter a resolved viewer — a session revoked, an API key revoked or
 * re-scoped, an account disabled, re-roled, moved or given a new password — sends NOTIFY
 * sqa_auth at commit, and every API process empties its viewer cache (`viewer-cache.ts`), so a
 * cached viewer never outlives the change by more than the notification's delay, whichever
 * process or tool made it. Only those columns: `api_key.last_used_at` is written as keys are used.
 */
const WATCHED: Record<string, string[]> = {
  session: ['revoked_at', 'expires_at', 'account_id'],
  api_key: ['revoked_at', 'role', 'enterprise_id', 'cost_budget_per_hour', 'key_hash', 'name'],
  account: [
    'disabled_at',
    'role',
    'password_hash',
    'enterprise_id',
    'officer_id',
    'team_id',
    'branch_id',
    'department_id',
    'display_name',
    'login',
  ],
};

export class Migration20261202130000_auth_notify extends Migration {
  override name = 'Migration20261202130000_auth_notify';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function sqa_notify_auth() returns trigger language plpgsql as $$
begin
  perform pg_notify('sqa_auth', '');
  return null;
end $$;`);
    for (const [table, columns] of Object.entries(WATCHED))
      this.addSql(
        `create trigger ${table}_auth_notify after update of ${columns.map((c) => `"${c}"`).join(', ')} or delete or truncate on "${table}" for each statement execute function sqa_notify_auth();`,
      );
  }

  override down(): void | Promise<void> {
    for (const table of Object.keys(WATCHED)) this.addSql(`drop trigger if exists ${table}_auth_notify on "${table}";`);
    this.addSql(`drop function if exists sqa_notify_auth();`);
  }
}
