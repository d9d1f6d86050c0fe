-- migrate:expand
ALTER TABLE artifact ADD COLUMN IF NOT EXISTS icon varchar(255) NOT NULL; -- expect: add-column-required, prefer-text
-- migrate:rollback
ALTER TABLE artifact DROP COLUMN IF EXISTS icon;
