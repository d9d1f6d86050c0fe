-- migrate:expand
ALTER TABLE payments ALTER COLUMN note DROP NOT NULL;
-- migrate:rollback irreversible
