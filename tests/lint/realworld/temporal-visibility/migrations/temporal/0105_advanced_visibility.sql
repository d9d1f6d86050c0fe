-- v1.4: search attributes as generated columns, with GIN indexes on them.
-- migrate:expand
CREATE EXTENSION IF NOT EXISTS btree_gin;

ALTER TABLE executions_visibility
  ADD COLUMN TemporalChangeVersion JSONB GENERATED ALWAYS AS (search_attributes->'TemporalChangeVersion') STORED, -- expect: add-column-rewrite
  ADD COLUMN BinaryChecksums JSONB GENERATED ALWAYS AS (search_attributes->'BinaryChecksums') STORED,
  ADD COLUMN BatcherUser VARCHAR(255) GENERATED ALWAYS AS (search_attributes->>'BatcherUser') STORED, -- expect: prefer-text
  ADD COLUMN TemporalScheduledStartTime TIMESTAMP GENERATED ALWAYS AS (convert_ts(search_attributes->>'TemporalScheduledStartTime')) STORED, -- expect: prefer-timestamptz
  ADD COLUMN TemporalScheduledById VARCHAR(255) GENERATED ALWAYS AS (search_attributes->>'TemporalScheduledById') STORED,
  ADD COLUMN TemporalSchedulePaused BOOLEAN GENERATED ALWAYS AS ((search_attributes->'TemporalSchedulePaused')::boolean) STORED;

CREATE INDEX by_temporal_change_version ON executions_visibility USING GIN (namespace_id, TemporalChangeVersion jsonb_path_ops); -- expect: index-not-concurrent
CREATE INDEX by_binary_checksums ON executions_visibility USING GIN (namespace_id, BinaryChecksums jsonb_path_ops); -- expect: index-not-concurrent
CREATE INDEX by_batcher_user ON executions_visibility (namespace_id, BatcherUser, (COALESCE(close_time, '9999-12-31 23:59:59')) DESC, start_time DESC, run_id); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX IF EXISTS by_batcher_user; -- expect: drop-index-not-concurrent
DROP INDEX IF EXISTS by_binary_checksums; -- expect: drop-index-not-concurrent
DROP INDEX IF EXISTS by_temporal_change_version; -- expect: drop-index-not-concurrent
ALTER TABLE executions_visibility
  DROP COLUMN IF EXISTS TemporalSchedulePaused,
  DROP COLUMN IF EXISTS TemporalScheduledById,
  DROP COLUMN IF EXISTS TemporalScheduledStartTime,
  DROP COLUMN IF EXISTS BatcherUser,
  DROP COLUMN IF EXISTS BinaryChecksums,
  DROP COLUMN IF EXISTS TemporalChangeVersion;
