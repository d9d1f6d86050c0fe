-- migrate:expand
ALTER SCHEMA billing RENAME TO payments_billing; -- expect: breaking-rename
-- migrate:rollback
ALTER SCHEMA payments_billing RENAME TO billing; -- expect: breaking-rename
