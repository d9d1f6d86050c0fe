-- migrate:expand
CREATE TABLE scratch (a int);
CREATE INDEX scratch_a ON scratch (a);
DROP INDEX scratch_a;
-- migrate:rollback
DROP TABLE scratch;

-- migrate:contract
DROP INDEX CONCURRENTLY users_email_idx;
-- migrate:rollback irreversible
