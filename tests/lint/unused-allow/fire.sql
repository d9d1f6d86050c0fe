-- fires-next
-- migrate:allow index-not-concurrent reason="file-wide, but no index is built"
-- migrate:expand
-- fires-next
-- migrate:allow prefer-text reason="nothing to suppress"
ALTER TABLE users ADD COLUMN a text;
-- fires-next
-- migrate:allow no-such-rule reason="a typo suppresses nothing"
ALTER TABLE users ADD COLUMN b text;
-- migrate:rollback
