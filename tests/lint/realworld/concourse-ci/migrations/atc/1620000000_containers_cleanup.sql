-- migrate:contract
BEGIN;
  ALTER TABLE containers
    DROP COLUMN IF EXISTS ttl,
    DROP COLUMN IF EXISTS check_type,
    DROP COLUMN IF EXISTS check_source,
    DROP COLUMN IF EXISTS best_if_used_by,
    ADD COLUMN meta_type text NOT NULL DEFAULT '',
    ALTER COLUMN state DROP DEFAULT,
    ALTER COLUMN handle SET NOT NULL, -- expect: set-not-null-scan
    ALTER COLUMN worker_name SET NOT NULL; -- expect: set-not-null-scan
COMMIT;
-- migrate:rollback irreversible
