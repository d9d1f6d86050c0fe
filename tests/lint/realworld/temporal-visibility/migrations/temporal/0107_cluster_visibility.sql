-- Operator runbook step, kept as a migration: order the visibility table by its primary key.
-- migrate:contract
CLUSTER executions_visibility USING executions_visibility_pkey; -- expect: table-rewrite
-- migrate:rollback
