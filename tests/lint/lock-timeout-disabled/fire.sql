-- migrate:expand
SET lock_timeout = 0; -- fires
SET lock_timeout TO DEFAULT; -- fires
RESET lock_timeout; -- fires
SET statement_timeout = 0; -- fires
SET LOCAL lock_timeout = '0'; -- fires
RESET statement_timeout; -- fires
SET search_path = app;
-- migrate:rollback
