-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
CREATE TABLE scratch (id bigint);
DROP TABLE scratch;
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- migrate:migrate
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy;
DROP TABLE old_stuff;
TRUNCATE audit;
-- migrate:rollback irreversible
