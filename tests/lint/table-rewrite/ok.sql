-- migrate:expand
VACUUM (ANALYZE) orders;
VACUUM (FULL FALSE) orders;
VACUUM (FULL off, ANALYZE) users;
CREATE TABLE staging (id bigint);
ALTER TABLE staging SET LOGGED;
-- migrate:rollback
DROP TABLE staging;
