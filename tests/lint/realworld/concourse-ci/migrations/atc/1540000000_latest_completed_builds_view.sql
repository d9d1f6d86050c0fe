-- The view is built empty and filled once, in the same migration: nobody reads it yet.
-- migrate:expand
BEGIN;
  CREATE MATERIALIZED VIEW latest_completed_builds_per_job AS
  WITH latest_build_ids_per_job AS (
    SELECT MAX(b.id) AS build_id
    FROM builds b
    WHERE b.status NOT IN ('pending', 'started')
    GROUP BY b.job_id
  )
  SELECT b.*
  FROM builds b, latest_build_ids_per_job l
  WHERE b.id = l.build_id
  WITH NO DATA;

  CREATE UNIQUE INDEX latest_completed_builds_per_job_id ON latest_completed_builds_per_job (id);
  REFRESH MATERIALIZED VIEW latest_completed_builds_per_job;

  CREATE MATERIALIZED VIEW next_builds_per_job AS
  WITH latest_build_ids_per_job AS (
    SELECT MIN(b.id) AS build_id
    FROM builds b
    WHERE b.status IN ('pending', 'started')
    GROUP BY b.job_id
  )
  SELECT b.*
  FROM builds b, latest_build_ids_per_job l
  WHERE b.id = l.build_id
  WITH NO DATA;

  CREATE UNIQUE INDEX next_builds_per_job_id ON next_builds_per_job (id);
  REFRESH MATERIALIZED VIEW next_builds_per_job;
COMMIT;
-- migrate:rollback
BEGIN;
  DROP MATERIALIZED VIEW IF EXISTS next_builds_per_job;
  DROP MATERIALIZED VIEW IF EXISTS latest_completed_builds_per_job;
COMMIT;
