-- PostgreSQL 16: REINDEX SYSTEM without a database name.
-- migrate:expand
-- migrate:no-transaction
REINDEX SYSTEM; -- expect: not-understood
-- migrate:rollback
