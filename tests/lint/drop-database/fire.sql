-- migrate:contract
DROP DATABASE IF EXISTS legacy_stats; -- fires
-- migrate:rollback irreversible
