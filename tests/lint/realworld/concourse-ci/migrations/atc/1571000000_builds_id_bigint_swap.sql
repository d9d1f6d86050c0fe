-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS builds_id_new_idx ON builds (id_new);
ALTER TABLE builds ADD CONSTRAINT builds_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE builds DROP CONSTRAINT IF EXISTS builds_id_new_not_null;
DROP INDEX CONCURRENTLY IF EXISTS builds_id_new_idx;

-- migrate:migrate
ALTER TABLE builds VALIDATE CONSTRAINT builds_id_new_not_null;
ALTER TABLE builds ALTER COLUMN id_new SET NOT NULL;
ALTER TABLE builds DROP CONSTRAINT builds_id_new_not_null;
-- migrate:rollback
ALTER TABLE builds ALTER COLUMN id_new DROP NOT NULL;

-- migrate:contract
BEGIN;
  LOCK TABLE builds IN ACCESS EXCLUSIVE MODE;
  ALTER TABLE builds DROP CONSTRAINT builds_pkey, ADD CONSTRAINT builds_pkey PRIMARY KEY USING INDEX builds_id_new_idx;
  ALTER TABLE builds RENAME COLUMN id TO id_old; -- expect: breaking-rename
  ALTER TABLE builds RENAME COLUMN id_new TO id; -- expect: breaking-rename
  ALTER SEQUENCE builds_id_seq OWNED BY builds.id;
  ALTER TABLE builds ALTER COLUMN id SET DEFAULT nextval('builds_id_seq');
  ALTER TABLE builds ALTER COLUMN id_old DROP DEFAULT;
  DROP TRIGGER builds_id_new_sync ON builds;
  DROP FUNCTION builds_id_new_sync();
  ALTER TABLE builds DROP COLUMN id_old;
COMMIT;
-- migrate:rollback irreversible
