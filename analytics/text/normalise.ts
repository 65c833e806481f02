// How comment text is compared and searched: lower case, Vietnamese diacritics stripped (NFD,
// combining marks removed, đ → d), anything but letters and digits one space. Migration 030
// materialises the same expression over `comment` as `comment_norm`; search terms go through
// `normalisedSql` in the query itself, so both sides are normalised by ClickHouse alike.

/** The normalising expression over an SQL expression (a column or a typed parameter). */
export function normalisedSql(expression: string): string {
  return `trimBoth(replaceRegexpAll(replaceRegexpAll(replaceRegexpAll(normalizeUTF8NFD(lowerUTF8(${expression})), '\\\\p{Mn}', ''), 'đ', 'd'), '[^a-z0-9]+', ' '))`;
}
