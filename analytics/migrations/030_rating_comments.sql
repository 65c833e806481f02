-- The comment of each rating, for comment search, distinctive terms and the copied-text anomaly.
-- comment_norm is the text as searched and compared: lower case, Vietnamese diacritics stripped
-- (NFD, combining marks removed, đ → d), everything but letters and digits one space. It is
-- MATERIALIZED so every row written by the relay or the rebuild gets it, and a query never
-- normalises a whole column again. analytics/text/normalise.ts holds the same expression for
-- search terms; a test proves the two agree.
-- One statement, so a half-applied file cannot leave comment without comment_norm.
ALTER TABLE rating_facts
    ADD COLUMN IF NOT EXISTS comment String DEFAULT '',
    ADD COLUMN IF NOT EXISTS comment_norm String MATERIALIZED trimBoth(replaceRegexpAll(replaceRegexpAll(replaceRegexpAll(normalizeUTF8NFD(lowerUTF8(comment)), '\\p{Mn}', ''), 'đ', 'd'), '[^a-z0-9]+', ' '));
