-- migrate:expand
VACUUM (ANALYZE) orders;
CREATE TABLE staging (id bigint);
ALTER TABLE staging SET LOGGED;
-- migrate:rollback
DROP TABLE staging;
