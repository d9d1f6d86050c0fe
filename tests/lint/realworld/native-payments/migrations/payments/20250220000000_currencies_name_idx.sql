-- migrate:expand
-- migrate:allow index-not-concurrent reason="currencies has 180 rows and is written once a year"
CREATE INDEX currencies_name_idx ON currencies (name);
-- expect-next: unused-allow
-- migrate:allow prefer-text reason="ISO names are short"
ALTER TABLE currencies ADD COLUMN symbol text;
-- migrate:rollback
ALTER TABLE currencies DROP COLUMN IF EXISTS symbol;
-- migrate:allow drop-index-not-concurrent reason="currencies has 180 rows"
DROP INDEX IF EXISTS currencies_name_idx;
