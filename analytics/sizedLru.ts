/**
 * Values under string keys, bounded by the caller's estimate of their size in bytes: the least
 * recently used go first. The memory of both answer caches (analytics/resultCache.ts and
 * api/graphql/answer-cache.ts); what a hit or a miss means, and when to empty, is theirs.
 */
export class SizedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  /** The value, now the most recently used; undefined when not kept. */
  get(key: string): V | undefined {
    const found = this.entries.get(key);
    if (!found) return undefined;
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, found);
    return found.value;
  }

  /** Keeps `value` (replacing one under the same key), unless it alone is larger than the bound. */
  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.size -= replaced.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.size += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.size -= entry.bytes;
    }
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  get count(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.size;
  }
}
