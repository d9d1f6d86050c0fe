-- migrate:expand
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(200);
ALTER TABLE accounts ALTER COLUMN code TYPE text;
ALTER TABLE accounts ALTER COLUMN amount TYPE numeric(12,2);
ALTER TABLE accounts ALTER COLUMN loose TYPE numeric;
CREATE TABLE fresh (id integer);
ALTER TABLE fresh ALTER COLUMN id TYPE bigint;
-- migrate:rollback
DROP TABLE fresh;
