-- case_facts: one row per complaint case, in its latest known state. A case changes as it is
-- handled, so each change is delivered again with a higher version (the case's own version
-- counter); ReplacingMergeTree keeps the latest, and case queries read it with FINAL: the table is
-- small (one row per dissatisfied rating), so FINAL is cheap here, unlike on rating_facts.
-- Times are instants in the Asia/Ho_Chi_Minh zone, like rating_facts; 0 ids as in rating_facts.
CREATE TABLE IF NOT EXISTS case_facts
(
    case_id               UInt64,
    item_id               UInt64,
    department_id         UInt32,
    branch_id             UInt32,
    team_id               UInt32,
    stage_id              UInt32,
    officer_id            UInt32,
    subject_kind          Enum8('BRANCH' = 1, 'TEAM' = 2, 'STAGE' = 3, 'OFFICER' = 4),
    level                 UInt8,
    status                LowCardinality(String),
    finding               LowCardinality(String),
    opened_at             DateTime64(3, 'Asia/Ho_Chi_Minh'),
    conclude_due_at       DateTime64(3, 'Asia/Ho_Chi_Minh'),
    concluded_at          Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    answered_at           Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    closed_at             Nullable(DateTime64(3, 'Asia/Ho_Chi_Minh')),
    escalated             UInt8,
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(opened_at)
ORDER BY (department_id, branch_id, case_id)
SETTINGS non_replicated_deduplication_window = 1000;
