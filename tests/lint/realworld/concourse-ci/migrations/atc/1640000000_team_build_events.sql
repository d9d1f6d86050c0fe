-- One build_events child table per team, named after the team's id.
-- migrate:expand
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM teams LOOP
    EXECUTE 'CREATE TABLE IF NOT EXISTS team_build_events_' || t.id || ' () INHERITS (build_events)'; -- expect: not-understood
    EXECUTE 'CREATE INDEX IF NOT EXISTS team_build_events_' || t.id || '_build_id ON team_build_events_' || t.id || ' (build_id)'; -- expect: not-understood
  END LOOP;
END
$$;
-- migrate:rollback irreversible
