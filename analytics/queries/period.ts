// The time bounds of a statistics filter, shared by the rating and case questions.

/** An instant as ClickHouse reads a UTC DateTime64(3) parameter. */
export function utc(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Adds `column >= from` and `column < to` (each when given) as typed parameters. */
export function addPeriod(
  where: string[],
  params: Record<string, unknown>,
  column: string,
  filter: { from?: Date; to?: Date },
): void {
  if (filter.from) {
    where.push(`${column} >= {from:DateTime64(3, 'UTC')}`);
    params.from = utc(filter.from);
  }
  if (filter.to) {
    where.push(`${column} < {to:DateTime64(3, 'UTC')}`);
    params.to = utc(filter.to);
  }
}
