-- migrate:expand
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- fires
ALTER TABLE users ADD COLUMN seq bigserial; -- fires
ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY; -- fires
ALTER TABLE users ADD COLUMN total numeric GENERATED ALWAYS AS (id * 2) STORED; -- fires
ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE users ADD COLUMN region text DEFAULT app_default_region(); -- fires (unknown: PostgreSQL's default is VOLATILE)
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
ALTER TABLE users ADD COLUMN code text DEFAULT next_code(); -- fires (declared without a volatility: VOLATILE)
-- migrate:rollback
ALTER TABLE users DROP COLUMN token;
