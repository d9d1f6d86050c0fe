-- migrate:expand
ALTER TABLE users ADD COLUMN nickname varchar(30); -- fires
CREATE TABLE tags (id bigint PRIMARY KEY, label character varying(50)); -- fires
-- migrate:rollback
DROP TABLE tags;
