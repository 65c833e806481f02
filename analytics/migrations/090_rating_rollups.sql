-- Rollups the query planner picks by itself. p_month holds the level counts per department,
-- branch, Vietnamese calendar month, rated subject kind, channel, phase and level: national and
-- departmental questions by branch, month, quarter, half-year, year, level, channel or phase read
-- it (hundreds of thousands of rows instead of every rating). ClickHouse answers a query from a
-- projection only when every expression of the query is computed from the projection's columns,
-- so the statistics queries write their time grains and calendar-aligned bounds on
-- toStartOfMonth(toDate(rated_at)) (analytics/queries/ratingStatistics.ts); any other question
-- (a team, stage, officer or enterprise, an item list, a bound that is not a month start, reasons,
-- distinct forms) reads the facts. The planner takes the part that reads fewest granules, and the
-- answer is the same either way (statistics.property.test.ts asks every combination both ways).
--
-- Facts change by lightweight DELETE (a re-versioned declaration, issue 14) and by
-- ReplacingMergeTree merges; 'rebuild' keeps each part's projection equal to its rows in both
-- cases (ClickHouse >= 24.8 refuses projections on such tables otherwise).
ALTER TABLE rating_facts MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild', lightweight_mutation_projection_mode = 'rebuild';

ALTER TABLE rating_facts ADD PROJECTION IF NOT EXISTS p_month
(
    SELECT department_id, branch_id, toStartOfMonth(toDate(rated_at)), subject_kind, channel, phase, level, is_deleted,
           countIf(level = 1), countIf(level = 2), countIf(level = 3), countIf(level = 4), countIf(level = 5)
    GROUP BY department_id, branch_id, toStartOfMonth(toDate(rated_at)), subject_kind, channel, phase, level, is_deleted
);

-- Rows written before this migration get it too (new parts build it as they are inserted).
ALTER TABLE rating_facts MATERIALIZE PROJECTION p_month SETTINGS mutations_sync = 1;
