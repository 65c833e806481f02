/**
 * Hourly cost budgets: a leaky bucket of cost points per client. Each answered query pours its
 * cost in; the bucket drains continuously at `capacity` points per hour, so a client may spend its
 * whole hour at once and then gets room back gradually, rather than all at the top of the hour.
 * Kept in process memory: with several replicas each grants the budget (see README).
 */
export interface BudgetAnswer {
  allowed: boolean;
  /** Points left after this charge (or now, when refused or priced only). */
  remaining: number;
  capacity: number;
  /** When refused: seconds until the bucket has room for this cost. */
  retryAfterSeconds?: number;
}

interface Bucket {
  level: number;
  at: number;
}

const HOUR_MS = 3_600_000;

export class CostBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Pours `cost` into `subject`'s bucket if it fits; `charge: false` only prices. */
  take(subject: string, capacity: number, cost: number, charge = true): BudgetAnswer {
    const at = this.now();
    const level = this.levelOf(subject, capacity, at);
    if (level + cost > capacity) {
      const perMs = capacity / HOUR_MS;
      // A cost larger than the whole bucket never fits; say when it is empty, the best there is.
      const wait = (Math.min(level + cost, level + capacity) - capacity) / perMs;
      return {
        allowed: false,
        remaining: Math.floor(capacity - level),
        capacity,
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
      };
    }
    if (charge) {
      this.buckets.set(subject, { level: level + cost, at });
      if (this.buckets.size > 10_000) this.sweep(capacity, at);
    }
    return { allowed: true, remaining: Math.floor(capacity - level - (charge ? cost : 0)), capacity };
  }

  private levelOf(subject: string, capacity: number, at: number): number {
    const bucket = this.buckets.get(subject);
    if (!bucket) return 0;
    return Math.max(0, bucket.level - ((at - bucket.at) * capacity) / HOUR_MS);
  }

  // Forgets buckets that have drained (judged at the default capacity; a larger one only drains faster).
  private sweep(capacity: number, at: number): void {
    for (const subject of this.buckets.keys()) {
      if (this.levelOf(subject, capacity, at) === 0) this.buckets.delete(subject);
    }
  }
}
