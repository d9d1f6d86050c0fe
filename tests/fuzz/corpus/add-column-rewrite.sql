-- migrate:expand
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- fires
ALTER TABLE users ADD COLUMN seq bigserial; -- fires
ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY; -- fires
ALTER TABLE users ADD COLUMN total numeric GENERATED ALWAYS AS (id * 2) STORED; -- fires
ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
-- migrate:rollback
ALTER TABLE users DROP COLUMN token;
