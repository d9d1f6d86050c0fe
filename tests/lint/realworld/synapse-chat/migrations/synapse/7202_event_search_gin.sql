-- migrate:expand
CREATE INDEX event_search_fts_idx ON event_search USING GIN (vector); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX event_search_fts_idx; -- expect: drop-index-not-concurrent
