-- migrate:expand
BEGIN;
  ALTER TABLE resource_config_versions ADD CONSTRAINT resource_config_scope_id_and_version_md5_unique UNIQUE (resource_config_scope_id, version_md5); -- expect: unique-constraint-build
COMMIT;
-- migrate:rollback
BEGIN;
  ALTER TABLE resource_config_versions DROP CONSTRAINT IF EXISTS resource_config_scope_id_and_version_md5_unique;
COMMIT;
