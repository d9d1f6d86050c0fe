-- Functions declared without a volatility are VOLATILE: a default that calls one is computed per row.
-- migrate:expand
CREATE FUNCTION accounts_default_region() RETURNS text LANGUAGE sql AS $$ SELECT 'eu-west' $$;
CREATE FUNCTION accounts_home_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;
ALTER TABLE accounts ADD COLUMN home_region text DEFAULT accounts_home_region();
ALTER TABLE accounts ADD COLUMN region text DEFAULT accounts_default_region(); -- expect: add-column-rewrite
-- migrate:rollback
ALTER TABLE accounts DROP COLUMN IF EXISTS region;
ALTER TABLE accounts DROP COLUMN IF EXISTS home_region;
DROP FUNCTION IF EXISTS accounts_home_region();
DROP FUNCTION IF EXISTS accounts_default_region();
