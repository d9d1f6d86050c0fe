-- Archived pipelines move to their own table; nothing may create one meanwhile.
-- migrate:contract
BEGIN;
  LOCK TABLE pipelines IN ACCESS EXCLUSIVE MODE;
  CREATE TABLE pipelines_archive AS SELECT * FROM pipelines WHERE archived; -- expect: lock-held-too-long
  DELETE FROM pipelines WHERE archived; -- expect: unbatched-dml
COMMIT;
-- migrate:rollback irreversible
