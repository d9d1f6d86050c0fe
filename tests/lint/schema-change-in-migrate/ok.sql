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
-- migrate:rollback
