-- Rows for `migrate verify --seed 20251101090000=seed.sql`: loaded once the users table exists, so
-- that the backfill and the contract meet data, as they will in production.
INSERT INTO users (email, legacy_status)
SELECT 'user' || g || '@example.com', CASE WHEN g % 3 = 0 THEN 'verified' END
FROM generate_series(1, 20000) g;
ANALYZE users;
