-- rating_facts partitioned by calendar quarter instead of month. ClickHouse cannot change a
-- table's partition key, so the facts are copied into a new table that is then exchanged with
-- the old one; on a deployment with years of facts this migration takes as long as reading and
-- writing them once (27.6 s for 10 M ratings on chDB, 2 cores).
--
-- Why: a statistics question pays for every data part it reads, about 0.7 ms each on chDB, and a
-- partition is at least one part, so a question over a year read at least 12 parts by month,
-- more until merges caught up. Interleaved on 10 M generated ratings, one table per key (README,
-- "Serving statistics fast"), quarters against months: one officer by month 50 → 26 ms p50 as
-- inserted and 30 → 19 merged, one department by stage 40 → 26 and 25 → 19, the national trend
-- 54 → 46 and 30 → 31; a year per partition was faster still for an officer (22, 16) but slower
-- for the national questions as inserted (66). Removing a re-versioned declaration's facts
-- (lightweight DELETE, which rebuilds the projection of each part it touches) got cheaper too:
-- 0.6–1.8 s by month, 0.12–0.18 s by quarter on merged parts.
--
-- The statements can run again after a failure at any point: the copy is dropped and made
-- anew from whichever table is rating_facts by then, whose rows are the same either way. Rows a
-- relay inserts into the old table while it is copied would not be carried over: on a ClickHouse
-- server with a separate relay process, stop the relay for this upgrade (or run
-- `npm run analytics:rebuild` after it). The API applies migrations before its own relay starts.
-- The new table does not know the deduplication tokens of batches inserted before it: a batch
-- inserted but not yet acknowledged when the old version stopped would be counted twice until
-- merged, which the same rebuild also repairs.
-- On a cluster (cluster-ddl.ts) each shard copies its own rows and the local tables are exchanged;
-- the Distributed tables keep their names and so point at the exchanged tables. A replicated
-- table keeps the Keeper path it was created with, so rating_facts_local then lives under
-- …/rating_facts_by_quarter_local (the {table} macro is expanded when a table is created).
-- The new table takes its columns, constraint and rollup from rating_facts itself (CREATE TABLE
-- … AS), so only the engine clauses are written again: the sorting key and settings of 001 and
-- 090, under the new partition key.
DROP TABLE IF EXISTS rating_facts_by_quarter;

CREATE TABLE rating_facts_by_quarter AS rating_facts
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toStartOfQuarter(rated_at)
ORDER BY (department_id, branch_id, toDate(rated_at), team_id, stage_id, officer_id, item_id)
SETTINGS non_replicated_deduplication_window = 1000, deduplicate_merge_projection_mode = 'rebuild', lightweight_mutation_projection_mode = 'rebuild';

-- Both tables have the same columns in the same order; * leaves out comment_norm (MATERIALIZED),
-- which the new table computes again as it is written.
INSERT INTO rating_facts_by_quarter SELECT * FROM rating_facts;

EXCHANGE TABLES rating_facts AND rating_facts_by_quarter;

DROP TABLE rating_facts_by_quarter;
