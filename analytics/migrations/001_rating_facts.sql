-- rating_facts: one row per assessment item of a sent form, denormalised so every drill-down
-- and trend question is answered from this table alone (names come from Postgres).
--
-- Ids: department_id and branch_id are always set (the unit that handled the declaration).
-- team_id, stage_id and officer_id say whom a rating counts for: a TEAM item carries its team;
-- a STAGE item its stage and the team that performed it; an OFFICER item the officer, and the
-- team and stage the officer handled the declaration in; a BRANCH item none (0). What was rated
-- is always subject_kind plus its id; never infer it from which ids are non-zero.
--
-- Time: DateTime64 with the Asia/Ho_Chi_Minh zone. The value is still a UTC instant, but
-- toDate/toYYYYMM/toStartOfMonth default to Vietnamese local time, so the partition key, the
-- toDate() in the sorting key and every report group by the calendar the users live in.
-- (A UTC column would put 00:00-07:00 local time on the previous day and month and force a
-- zone argument into every query.) Ingest sends instants as ISO-8601 with a zone ('...Z'),
-- which the store's date_time_input_format = 'best_effort' reads correctly.
--
-- Duplicates: sent forms are immutable, so facts are insert-only and a duplicate can only be a
-- replayed batch. insert_deduplication_token guards the batch; on a non-replicated table that
-- only works with non_replicated_deduplication_window > 0 (default 0). ReplacingMergeTree is the
-- safety net: rows with the same sorting key collapse to the highest version at merge time,
-- and rows whose winning version has is_deleted = 1 disappear under FINAL (ClickHouse >= 23.2).
-- Hot queries do not use FINAL; they filter is_deleted = 0.
CREATE TABLE IF NOT EXISTS rating_facts
(
    department_id  UInt32,
    branch_id      UInt32,
    team_id        UInt32,
    stage_id       UInt32,
    officer_id     UInt32,
    subject_kind   Enum8('BRANCH' = 1, 'TEAM' = 2, 'STAGE' = 3, 'OFFICER' = 4),
    item_id        UInt64,
    form_id        UInt64,
    declaration_id UInt64,
    enterprise_id  UInt32,
    channel        Enum8('GREEN' = 1, 'YELLOW' = 2, 'RED' = 3),
    phase          Enum8('DURING' = 1, 'AFTER' = 2),
    level          UInt8,
    reason_codes   Array(LowCardinality(String)),
    has_comment    UInt8,
    rated_at       DateTime64(3, 'Asia/Ho_Chi_Minh'),
    version        UInt64,
    is_deleted     UInt8 DEFAULT 0,
    -- A bad level would silently skew every CSAT figure; reject it at insert instead.
    CONSTRAINT level_is_1_to_5 CHECK level BETWEEN 1 AND 5
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(rated_at)
ORDER BY (department_id, branch_id, toDate(rated_at), team_id, stage_id, officer_id, item_id)
SETTINGS non_replicated_deduplication_window = 1000;
