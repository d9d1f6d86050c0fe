-- migrate:migrate
REFRESH MATERIALIZED VIEW CONCURRENTLY sales_daily;
REFRESH MATERIALIZED VIEW sales_daily WITH NO DATA;
-- migrate:rollback
