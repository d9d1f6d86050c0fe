-- migrate:expand
ALTER TABLE comments ALTER COLUMN author_ip TYPE INET USING author_ip::inet; -- expect: column-type-rewrite
-- migrate:rollback
ALTER TABLE comments ALTER COLUMN author_ip TYPE VARCHAR(45) USING host(author_ip); -- expect: column-type-rewrite, prefer-text
