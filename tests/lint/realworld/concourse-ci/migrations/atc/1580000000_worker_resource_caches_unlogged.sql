-- Caches are rebuilt by the workers after a crash: no need to WAL-log them.
-- migrate:expand
ALTER TABLE worker_resource_caches SET UNLOGGED; -- expect: table-rewrite
-- migrate:rollback
ALTER TABLE worker_resource_caches SET LOGGED; -- expect: table-rewrite
