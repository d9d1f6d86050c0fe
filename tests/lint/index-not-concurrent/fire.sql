-- migrate:expand
CREATE INDEX users_email_idx ON users (email); -- fires
CREATE UNIQUE INDEX IF NOT EXISTS orders_ref_idx ON public.orders (user_id); -- fires
CREATE INDEX events_at_idx ON events (at); -- fires (partitioned: the ON ONLY recipe)
CREATE INDEX events_at_only_idx ON ONLY events (at);
CREATE TABLE things (id bigint PRIMARY KEY, name text);
CREATE INDEX things_name_idx ON things (name);
-- migrate:rollback
DROP TABLE things;
DROP INDEX CONCURRENTLY users_email_idx;

-- migrate:contract
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'users_plan_idx') THEN
    CREATE INDEX users_plan_idx ON users (plan); -- fires (inside a DO block, at its own line)
  END IF;
  EXECUTE 'CREATE INDEX users_name_idx ON users (name)'; -- fires (EXECUTE of a literal)
END
$$;
-- A function this section creates and then calls: its body runs, and is linted where it is written.
CREATE FUNCTION add_indexes() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE INDEX users_email2_idx ON users (email); -- fires (run by the SELECT below)
END $$;
SELECT add_indexes();
CREATE PROCEDURE add_more() LANGUAGE sql AS $$
  CREATE INDEX users_city_idx ON users (city); -- fires (run by the CALL below)
$$;
CALL add_more();
-- migrate:rollback irreversible
