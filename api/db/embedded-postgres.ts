/**
 * Embedded Postgres (PGlite) in a data directory, owned by exactly one process.
 * Two processes writing the same PGlite directory silently lose writes, so a lock file holding the
 * owner's pid guards it; a lock left by a dead process is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export class StoreLockedError extends Error {}

export interface EmbeddedPostgres {
  db: PGlite;
  close(): Promise<void>;
}

/** Opens PGlite on `dir` (created if missing), or in memory when `dir` is null (tests). */
export async function openEmbeddedPostgres(dir: string | null): Promise<EmbeddedPostgres> {
  if (dir === null) {
    const db = await PGlite.create();
    return { db, close: () => db.close() };
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const releaseLock = acquireLock(`${dir}.lock`, dir);
  try {
    const db = await PGlite.create({ dataDir: dir });
    return {
      db,
      async close() {
        try {
          await db.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function acquireLock(lockFile: string, dir: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new StoreLockedError(
          `The embedded Postgres directory ${dir} is in use by process ${owner} (is customs-sqa already running?). ` +
            'Stop it, or set DATABASE_URL to use a Postgres server.',
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new StoreLockedError(`Could not lock ${dir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
