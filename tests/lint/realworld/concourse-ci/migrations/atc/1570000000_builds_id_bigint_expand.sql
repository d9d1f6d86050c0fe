-- builds.id runs out of integers: a new bigint column kept equal by a trigger, backfilled in batches.
-- migrate:expand
ALTER TABLE builds ADD COLUMN id_new bigint;

CREATE FUNCTION builds_id_new_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.id_new := NEW.id;
  RETURN NEW;
END
$$;

CREATE TRIGGER builds_id_new_sync BEFORE INSERT OR UPDATE ON builds
  FOR EACH ROW EXECUTE FUNCTION builds_id_new_sync();
-- migrate:rollback
DROP TRIGGER IF EXISTS builds_id_new_sync ON builds;
DROP FUNCTION IF EXISTS builds_id_new_sync();
ALTER TABLE builds DROP COLUMN IF EXISTS id_new;

-- migrate:migrate
-- migrate:backfill table=builds key=id batch=auto
UPDATE builds SET id_new = id WHERE id > $1 AND id <= $2 AND id_new IS NULL;
-- migrate:rollback
