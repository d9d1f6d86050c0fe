-- PostgreSQL 16: a sub-SELECT in FROM needs no alias.
-- migrate:expand
CREATE VIEW daily_totals AS -- expect: not-understood
  SELECT day, sum(total) AS total
    FROM (SELECT date_trunc('day', created_at) AS day, amount AS total FROM events)
   GROUP BY day;
CREATE INDEX events_kind_idx ON events (kind); -- expect: index-not-concurrent
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS events_kind_idx;
DROP VIEW IF EXISTS daily_totals;
