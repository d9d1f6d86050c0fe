-- migrate:expand
-- migrate:lock-timeout=5s
-- migrate:statement-timeout=10min
SET search_path = app;
SET LOCAL work_mem = '64MB';
-- migrate:rollback
