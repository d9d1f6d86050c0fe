-- migrate:migrate
REFRESH MATERIALIZED VIEW CONCURRENTLY sales_daily;
REFRESH MATERIALIZED VIEW sales_daily WITH NO DATA;
-- migrate:rollback

-- migrate:contract
CREATE MATERIALIZED VIEW sales_weekly AS SELECT 1 AS n WITH NO DATA;
REFRESH MATERIALIZED VIEW sales_weekly;
-- migrate:rollback
DROP MATERIALIZED VIEW sales_weekly;
