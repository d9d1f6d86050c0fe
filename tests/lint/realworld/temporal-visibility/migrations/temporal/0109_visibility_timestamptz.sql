-- v1.9: timestamps with time zone. The server runs with TimeZone = 'UTC', so no rewrite is expected.
-- migrate:expand
ALTER TABLE executions_visibility
  ALTER COLUMN start_time TYPE TIMESTAMPTZ, -- expect: column-type-rewrite:warning
  ALTER COLUMN execution_time TYPE TIMESTAMPTZ,
  ALTER COLUMN close_time TYPE TIMESTAMPTZ;
-- migrate:rollback irreversible
