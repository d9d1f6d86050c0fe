-- Superseded by events_room_stream.
-- migrate:contract
DROP INDEX IF EXISTS events_order_room; -- expect: drop-index-not-concurrent
-- migrate:rollback
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_order_room ON events (room_id, topological_ordering, stream_ordering);
