-- migrate:expand
ALTER TYPE build_status ADD VALUE IF NOT EXISTS 'aborting' BEFORE 'aborted';
-- migrate:rollback irreversible

-- migrate:migrate
-- Builds stuck in 'started' with an abort requested become 'aborting' (a later transaction: allowed).
-- migrate:backfill table=builds key=id batch=1000
UPDATE builds SET status = 'aborting'
 WHERE id > $1 AND id <= $2 AND status = 'started' AND reap_time IS NOT NULL;
-- migrate:rollback
