-- migrate:expand
ALTER TABLE payments ALTER COLUMN note DROP NOT NULL; -- expect: destructive-outside-contract
-- migrate:rollback irreversible
