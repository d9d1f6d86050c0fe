-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- migrate:migrate
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2;
-- Data work, and the migration's own scratch tables.
LOCK TABLE sessions IN SHARE MODE;
TRUNCATE sessions_cache;
REFRESH MATERIALIZED VIEW CONCURRENTLY sales_daily;
CREATE TEMPORARY TABLE dups AS SELECT user_id FROM sessions GROUP BY user_id HAVING count(*) > 1;
CREATE TEMP TABLE seen (id bigint);
DROP TABLE dups;
DROP TABLE seen;
-- migrate:rollback
