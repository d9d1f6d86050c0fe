-- migrate:expand
ALTER TABLE comments RENAME COLUMN body TO content; -- expect: breaking-rename
-- migrate:rollback
ALTER TABLE comments RENAME COLUMN content TO body; -- expect: breaking-rename
