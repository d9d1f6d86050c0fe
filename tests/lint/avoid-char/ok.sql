-- migrate:expand
CREATE TABLE countries (code text PRIMARY KEY CHECK (length(code) = 2), flag "char", name varchar);
-- migrate:rollback
DROP TABLE countries;
