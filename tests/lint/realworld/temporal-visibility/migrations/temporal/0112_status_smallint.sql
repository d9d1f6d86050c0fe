-- migrate:expand
ALTER TABLE executions_visibility ALTER COLUMN status TYPE SMALLINT; -- expect: column-type-rewrite
-- migrate:rollback
ALTER TABLE executions_visibility ALTER COLUMN status TYPE INTEGER; -- expect: column-type-rewrite
