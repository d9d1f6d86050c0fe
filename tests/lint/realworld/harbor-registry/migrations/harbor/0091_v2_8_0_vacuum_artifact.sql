-- VACUUM cannot run inside a transaction block.
-- migrate:expand
BEGIN;
VACUUM ANALYZE artifact; -- expect: concurrently-in-transaction
COMMIT;
-- migrate:rollback
