-- task_queues predates these files (created by the old setup tool): its column types are not in any migration.
-- migrate:expand
ALTER TABLE task_queues ALTER COLUMN range_id TYPE BIGINT; -- expect: column-type-rewrite:warning
-- migrate:rollback irreversible
