-- A default from the start, and a backfill whose predicate is the value it converges to.
-- migrate:expand
ALTER TABLE accounts ADD COLUMN risk_score integer DEFAULT 0;
-- migrate:rollback
ALTER TABLE accounts DROP COLUMN IF EXISTS risk_score;

-- migrate:migrate
-- migrate:backfill table=accounts key=id batch=auto
UPDATE accounts SET risk_score = CASE WHEN currency = 'EUR' THEN 1 ELSE 2 END
 WHERE id > $1 AND id <= $2
   AND risk_score IS DISTINCT FROM (CASE WHEN currency = 'EUR' THEN 1 ELSE 2 END);
-- migrate:rollback
