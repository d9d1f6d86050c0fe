-- Recipe: a rename without breaking the running code. customers.full_name becomes display_name:
-- expand adds display_name and a trigger that keeps the two equal whichever one a release writes;
-- migrate copies the old rows; contract, once no running code reads full_name, drops it.
-- migrate:expand
ALTER TABLE customers ADD COLUMN display_name text;
CREATE FUNCTION customers_sync_display_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.display_name := coalesce(NEW.display_name, NEW.full_name);
    NEW.full_name := coalesce(NEW.full_name, NEW.display_name);
  ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN
    NEW.display_name := NEW.full_name;
  ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
    NEW.full_name := NEW.display_name;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER customers_sync_display_name BEFORE INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_sync_display_name();
-- migrate:rollback
DROP TRIGGER IF EXISTS customers_sync_display_name ON customers;
DROP FUNCTION IF EXISTS customers_sync_display_name();
ALTER TABLE customers DROP COLUMN IF EXISTS display_name;

-- migrate:migrate
-- migrate:backfill table=customers key=id batch=auto
UPDATE customers SET display_name = full_name
 WHERE id > $1 AND id <= $2 AND display_name IS DISTINCT FROM full_name;
-- migrate:rollback
-- (nothing to undo: display_name goes away with the expand rollback)

-- migrate:contract
DROP TRIGGER customers_sync_display_name ON customers;
DROP FUNCTION customers_sync_display_name();
ALTER TABLE customers DROP COLUMN full_name;
-- migrate:rollback irreversible
