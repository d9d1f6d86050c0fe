-- Rows for `migrate verify` (migrate.toml: [verify] seed), loaded once customers, orders and
-- api_events exist, so that the backfills, the validations and the contracts meet data, as they
-- will in production.
INSERT INTO customers (email, full_name, legacy_status)
SELECT 'customer' || g || '@example.com', 'Customer ' || g, CASE WHEN g % 3 = 0 THEN 'verified' END
FROM generate_series(1, 20000) g;
INSERT INTO orders (customer_id, total_cents, created_at)
SELECT 1 + g % 20000, 100 + g % 9000, now() - g * interval '1 minute'
FROM generate_series(1, 50000) g;
INSERT INTO api_events (client_id, kind, payload)
SELECT 1 + g % 50, 'order.created', json_build_object('order_id', g, 'total_cents', 100 + g % 9000)::text
FROM generate_series(1, 20000) g;
ANALYZE customers, orders, api_events;
