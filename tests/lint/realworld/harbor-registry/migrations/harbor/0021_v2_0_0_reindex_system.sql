-- After the catalog corruption incident (bad disk): rebuild the system catalog indexes.
-- migrate:expand
-- migrate:no-transaction
REINDEX SYSTEM harbor; -- expect: reindex-not-concurrent
-- migrate:rollback
