-- Rows for `migrate verify` (migrate.toml: [verify] seed), loaded right after the fastapi app's first
-- migration made api_events.
INSERT INTO api_events (client_id, kind, payload)
SELECT 1 + g % 50, 'order.created', json_build_object('order_id', g, 'total_cents', 100 + g % 9000)::text
FROM generate_series(1, 20000) g;
ANALYZE api_events;
