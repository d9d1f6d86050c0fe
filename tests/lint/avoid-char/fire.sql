-- migrate:expand
CREATE TABLE countries (code char(2) PRIMARY KEY, name text); -- fires
ALTER TABLE countries ADD COLUMN iso3 character(3); -- fires
-- migrate:rollback
DROP TABLE countries;
