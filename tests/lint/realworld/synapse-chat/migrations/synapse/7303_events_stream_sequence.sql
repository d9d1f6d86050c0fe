-- migrate:expand
CREATE SEQUENCE IF NOT EXISTS events_stream_seq;
SELECT setval('events_stream_seq', (SELECT COALESCE(MAX(stream_ordering), 1) FROM events));
-- migrate:rollback
DROP SEQUENCE IF EXISTS events_stream_seq;
