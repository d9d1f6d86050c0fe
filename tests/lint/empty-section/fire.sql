-- migrate:expand
CREATE TABLE tags (id bigint PRIMARY KEY, name text);
-- migrate:rollback
DROP TABLE tags;

-- fires-next
-- migrate:migrate

-- fires-next
-- migrate:contract
-- migrate:rollback irreversible
