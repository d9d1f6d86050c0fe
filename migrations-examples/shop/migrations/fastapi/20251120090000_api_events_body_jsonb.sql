-- Recipe: a column type change without a rewrite under ACCESS EXCLUSIVE. api_events.payload (text)
-- becomes body (jsonb): expand adds body and a trigger that keeps both filled whichever one a release
-- writes; migrate converts the old rows in batches; contract drops payload once no code reads it.
-- A release that writes only body still fills payload (NOT NULL) through the trigger, which runs
-- before the check.
-- migrate:expand
ALTER TABLE api_events ADD COLUMN body jsonb;
CREATE FUNCTION api_events_sync_body() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.body := coalesce(NEW.body, NEW.payload::jsonb);
    NEW.payload := coalesce(NEW.payload, NEW.body::text);
  ELSIF NEW.payload IS DISTINCT FROM OLD.payload THEN
    NEW.body := NEW.payload::jsonb;
  ELSIF NEW.body IS DISTINCT FROM OLD.body THEN
    NEW.payload := NEW.body::text;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER api_events_sync_body BEFORE INSERT OR UPDATE ON api_events
  FOR EACH ROW EXECUTE FUNCTION api_events_sync_body();
-- migrate:rollback
DROP TRIGGER IF EXISTS api_events_sync_body ON api_events;
DROP FUNCTION IF EXISTS api_events_sync_body();
ALTER TABLE api_events DROP COLUMN IF EXISTS body;

-- migrate:migrate
-- migrate:backfill table=api_events key=id batch=auto
UPDATE api_events SET body = payload::jsonb
 WHERE id > $1 AND id <= $2 AND body IS NULL;
-- migrate:rollback
-- (nothing to undo: body goes away with the expand rollback)

-- migrate:contract
DROP TRIGGER api_events_sync_body ON api_events;
DROP FUNCTION api_events_sync_body();
ALTER TABLE api_events DROP COLUMN payload;
-- migrate:rollback irreversible
