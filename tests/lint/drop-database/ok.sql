-- migrate:contract
DROP SCHEMA IF EXISTS legacy_stats CASCADE;
-- migrate:rollback irreversible
