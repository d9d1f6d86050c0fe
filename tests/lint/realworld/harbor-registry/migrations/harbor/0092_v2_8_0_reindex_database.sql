-- migrate:expand
-- migrate:no-transaction
REINDEX DATABASE registry; -- expect: reindex-not-concurrent
-- migrate:rollback
