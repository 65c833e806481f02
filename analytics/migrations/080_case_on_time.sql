-- "Concluded on time" is decided once, in Postgres, by the case lifecycle (api/cases/case-lifecycle.ts
-- `concludedOnTime`) when a case is concluded, and carried here in its facts, so that Postgres and
-- ClickHouse count the same cases. Rows delivered before this column existed read 0 until the next
-- delivery of their case or an `npm run analytics:rebuild`.
ALTER TABLE case_facts ADD COLUMN IF NOT EXISTS concluded_on_time UInt8 DEFAULT 0 AFTER escalated;
