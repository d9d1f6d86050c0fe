-- migrate:expand
BEGIN;
  ALTER TABLE pipelines ALTER COLUMN config TYPE jsonb USING config::jsonb; -- expect: column-type-rewrite
COMMIT;
-- migrate:rollback
BEGIN;
  ALTER TABLE pipelines ALTER COLUMN config TYPE json USING config::json; -- expect: column-type-rewrite, prefer-jsonb
COMMIT;
