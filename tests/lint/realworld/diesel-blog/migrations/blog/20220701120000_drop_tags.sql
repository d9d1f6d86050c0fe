-- migrate:expand
DROP TABLE posts_tags; -- expect: destructive-outside-contract
DROP TABLE tags; -- expect: destructive-outside-contract
-- migrate:rollback irreversible
