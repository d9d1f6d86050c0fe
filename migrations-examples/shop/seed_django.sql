-- Rows for `migrate verify` (migrate.toml: [verify] seed), loaded right after the django app's first
-- migration made customers and orders, so that its backfills, validations and contracts meet data,
-- as they will in production.
INSERT INTO customers (email, full_name, legacy_status)
SELECT 'customer' || g || '@example.com', 'Customer ' || g, CASE WHEN g % 3 = 0 THEN 'verified' END
FROM generate_series(1, 20000) g;
INSERT INTO orders (customer_id, total_cents, created_at)
SELECT 1 + g % 20000, 100 + g % 9000, now() - g * interval '1 minute'
FROM generate_series(1, 50000) g;
ANALYZE customers, orders;
