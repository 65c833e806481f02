/**
 * Names of departments, branches, teams, stages and officers for statistics labels, kept in the
 * process instead of read from Postgres on every drill-down. Each kind is loaded whole, once, on
 * first use (the catalog is small: a few thousand officers nationally), and dropped when the
 * catalog changes: a trigger sends NOTIFY sqa_catalog at the commit of any write to those tables
 * (migration outbox_notify), heard by every API process (`startServer` listens).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export type NamedKind = 'department' | 'branch' | 'team' | 'stage' | 'officer';

// Whitelisted SQL per kind; nothing from a request reaches it.
const NAMES: Record<NamedKind, string> = {
  department: 'select id, name from department',
  branch: 'select id, name from branch',
  team: 'select id, name from team',
  stage: 'select id, name_vi as name from stage',
  officer: 'select id, full_name as name from officer',
};

export class CatalogNames {
  private loaded = new Map<NamedKind, Promise<Map<number, string>>>();
  private generation = 0;

  /** The catalog changed: names are read again on next use. */
  invalidate(): void {
    this.generation++;
    this.loaded = new Map();
  }

  async name(em: EntityManager, kind: NamedKind, id: number): Promise<string | null> {
    let names = this.loaded.get(kind);
    if (!names) {
      const generation = this.generation;
      names = em
        .getConnection()
        .execute<{ id: number; name: string }[]>(NAMES[kind])
        .then((rows) => new Map(rows.map((r) => [Number(r.id), r.name])));
      this.loaded.set(kind, names);
      // A failed read is not kept; neither is one that a catalog change overtook.
      names.then(
        () => generation !== this.generation && this.loaded.get(kind) === names && this.loaded.delete(kind),
        () => this.loaded.get(kind) === names && this.loaded.delete(kind),
      );
    }
    return (await names).get(id) ?? null;
  }
}
