-- Rebuild the bloated build indexes.
-- migrate:expand
REINDEX TABLE CONCURRENTLY builds;
-- migrate:rollback
