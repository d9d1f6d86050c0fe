-- migrate:expand
-- migrate:lock-timeout=5s
-- migrate:statement-timeout=10min
SET search_path = app;
SET LOCAL work_mem = '64MB';
-- A positive value is a bound.
SET LOCAL lock_timeout = '5s';
SET lock_timeout = 3000;
SET statement_timeout = '5min';
-- migrate:rollback
