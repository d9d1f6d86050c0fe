-- The tables the later migration works on.
-- migrate:expand
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(20), name text, n integer);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, note json);
-- migrate:rollback
DROP TABLE orders;
DROP TABLE users;
