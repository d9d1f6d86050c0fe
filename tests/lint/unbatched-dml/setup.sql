-- migrate:expand
CREATE TABLE currencies (code text PRIMARY KEY, name text);
CREATE TABLE plans (id bigint PRIMARY KEY, code text, name text);
CREATE UNIQUE INDEX CONCURRENTLY plans_code ON plans (code);
-- migrate:rollback
DROP TABLE currencies;
DROP TABLE plans;
