-- migrate:expand
ALTER TYPE order_status ADD VALUE 'refunded';
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (name text, current mood DEFAULT 'happy');
-- migrate:rollback
DROP TABLE people;
DROP TYPE mood;

-- migrate:migrate
-- migrate:backfill table=orders key=id
UPDATE orders SET status = 'refunded' WHERE id > $1 AND id <= $2 AND refunded;
-- migrate:rollback
