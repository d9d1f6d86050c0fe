-- migrate:expand
ALTER TABLE execution ALTER COLUMN extra_attrs TYPE JSONB USING extra_attrs::jsonb; -- expect: column-type-rewrite
ALTER TABLE task ALTER COLUMN extra_attrs TYPE JSONB USING extra_attrs::jsonb; -- expect: column-type-rewrite
-- migrate:rollback irreversible
