-- pg-version: 18
-- migrate:expand
ALTER TABLE events ADD COLUMN total int GENERATED ALWAYS AS (a + b) VIRTUAL; -- fires (18: virtual generated column)
CREATE INDEX CONCURRENTLY events_at ON events (at);
ALTER TABLE events ADD CONSTRAINT events_region_nn NOT NULL region NOT VALID; -- fires
SELECT * FROM (SELECT 1); -- fires (16: a sub-SELECT without an alias)
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'log_%' LOOP
    EXECUTE format('ALTER TABLE %I SET (fillfactor = 90)', t); -- fires (SQL built at run time)
  END LOOP;
END $$;
DO LANGUAGE plperl $$ my $x = 1; $$; -- fires (a language lint does not read)
DO $$ BEGIN FOR r IN SELECT 1 LOOP NULL END LOOP; END $$; -- fires (does not compile as PL/pgSQL)
-- migrate:rollback
ALTER TABLE events DROP COLUMN total;
