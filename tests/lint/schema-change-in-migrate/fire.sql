-- migrate:migrate
CREATE INDEX CONCURRENTLY users_plan_idx ON users (plan); -- fires
ALTER TABLE users ADD COLUMN extra text; -- fires
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
-- migrate:rollback
DROP INDEX CONCURRENTLY users_plan_idx;
