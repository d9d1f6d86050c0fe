-- migrate:expand
ALTER TABLE comments ADD COLUMN author_ip VARCHAR(45); -- expect: prefer-text
-- migrate:rollback
ALTER TABLE comments DROP COLUMN author_ip;
