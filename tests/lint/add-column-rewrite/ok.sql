-- migrate:expand
ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE users ADD COLUMN flag boolean DEFAULT false;
ALTER TABLE users ADD COLUMN token uuid;
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
CREATE TABLE fresh (id bigint PRIMARY KEY);
ALTER TABLE fresh ADD COLUMN token uuid DEFAULT gen_random_uuid();
CREATE FUNCTION default_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;
ALTER TABLE users ADD COLUMN region text DEFAULT default_region();
CREATE OR REPLACE FUNCTION tenant_setting() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_setting('app.tenant') $$;
ALTER TABLE users ADD COLUMN tenant text DEFAULT tenant_setting();
ALTER TABLE users ADD COLUMN label text DEFAULT lower('X') || upper('y');
-- migrate:rollback
DROP TABLE fresh;
