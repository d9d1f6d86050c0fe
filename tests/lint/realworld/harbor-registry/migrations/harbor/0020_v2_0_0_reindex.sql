-- Index maintenance after the artifact migration, outside a transaction.
-- migrate:expand
-- migrate:no-transaction
REINDEX (CONCURRENTLY false) INDEX unique_artifact; -- expect: reindex-not-concurrent
REINDEX (VERBOSE, CONCURRENTLY) INDEX unique_artifact_blob;
REINDEX (CONCURRENTLY true) TABLE repository;
-- migrate:rollback
