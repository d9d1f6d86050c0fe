-- migrate:expand
CREATE TABLE customers (id bigint PRIMARY KEY, legacy_status text, plan text DEFAULT 'free', score int);
-- migrate:rollback
DROP TABLE customers;
