-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN name SET NOT NULL; -- fires (the CHECK is not validated yet)
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT users_name_nn;

-- migrate:migrate
ALTER TABLE users VALIDATE CONSTRAINT users_name_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- fires (the validated CHECK is on another column)
-- migrate:rollback
