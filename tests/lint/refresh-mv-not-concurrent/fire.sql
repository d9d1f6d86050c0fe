-- migrate:migrate
REFRESH MATERIALIZED VIEW sales_daily; -- fires
REFRESH MATERIALIZED VIEW CONCURRENTLY sales_weekly;
-- migrate:rollback
