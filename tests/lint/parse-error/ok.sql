-- migrate:expand
ALTER TABLE users ADD COLUMN a text;
SELECT 1;
-- migrate:rollback
