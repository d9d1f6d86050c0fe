-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
CREATE TABLE fresh (a integer);
ALTER TABLE fresh ALTER COLUMN a SET NOT NULL;
-- migrate:rollback
DROP TABLE fresh;
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- migrate:migrate
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;
-- migrate:rollback
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
