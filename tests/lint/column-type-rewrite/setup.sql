-- migrate:expand
CREATE TABLE accounts (id integer PRIMARY KEY, name varchar(20), code varchar(10), amount numeric(10,2), loose numeric(8,3), n integer, created timestamp);
-- migrate:rollback
DROP TABLE accounts;
