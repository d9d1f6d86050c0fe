-- migrate:expand
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, legacy text, plan text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric, status text);
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
-- migrate:rollback
DROP TABLE orders;
DROP TABLE users;
