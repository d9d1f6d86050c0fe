-- The view on builds depends on the column: dropped and created again around the type change.
-- migrate:expand
BEGIN;
  CREATE TYPE build_status AS ENUM ('pending', 'started', 'succeeded', 'failed', 'errored', 'aborted');

  DROP VIEW IF EXISTS running_builds;
  ALTER TABLE builds ALTER COLUMN status TYPE build_status USING status::build_status; -- expect: column-type-rewrite
  CREATE VIEW running_builds AS
    SELECT id, name, job_id, team_id, start_time FROM builds WHERE status = 'started';
COMMIT;
-- migrate:rollback
BEGIN;
  DROP VIEW IF EXISTS running_builds;
  ALTER TABLE builds ALTER COLUMN status TYPE text USING status::text; -- expect: column-type-rewrite
  CREATE VIEW running_builds AS
    SELECT id, name, job_id, team_id, start_time FROM builds WHERE status = 'started';
  DROP TYPE build_status;
COMMIT;
