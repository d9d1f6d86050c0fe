-- migrate:expand
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'event_search_ts') THEN
        CREATE INDEX CONCURRENTLY event_search_ts ON event_search (origin_server_ts); -- expect: concurrently-in-transaction
    END IF;
END
$$;
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS event_search_ts;
