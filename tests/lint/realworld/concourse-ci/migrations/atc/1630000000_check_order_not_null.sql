-- migrate:expand
BEGIN;
  ALTER TABLE resource_config_versions ALTER COLUMN check_order SET DEFAULT 0;
  UPDATE resource_config_versions SET check_order = 0 WHERE check_order IS NULL; -- expect: unbatched-dml
  ALTER TABLE resource_config_versions ALTER COLUMN check_order SET NOT NULL; -- expect: set-not-null-scan
COMMIT;
-- migrate:rollback
BEGIN;
  ALTER TABLE resource_config_versions ALTER COLUMN check_order DROP NOT NULL;
  ALTER TABLE resource_config_versions ALTER COLUMN check_order DROP DEFAULT;
COMMIT;
