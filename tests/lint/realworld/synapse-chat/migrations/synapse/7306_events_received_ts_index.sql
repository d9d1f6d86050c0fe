-- Only where an earlier manual fix did not already create it.
-- migrate:expand
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'events_received_ts') THEN
        CREATE INDEX events_received_ts ON events (received_ts); -- expect: index-not-concurrent
    END IF;
END
$$;
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS events_received_ts;
