-- Add users.email_verified, fill it from legacy_status, then drop legacy_status.
-- migrate:expand
ALTER TABLE users ADD COLUMN email_verified boolean;
CREATE INDEX CONCURRENTLY users_email_verified_idx ON users (email_verified);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS users_email_verified_idx;
ALTER TABLE users DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=users key=id batch=auto
UPDATE users SET email_verified = (legacy_status = 'verified')
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:rollback
-- (nothing to undo: the column goes away with the expand rollback)

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy_status;
-- migrate:rollback irreversible
