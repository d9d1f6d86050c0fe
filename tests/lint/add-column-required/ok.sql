-- migrate:expand
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
ALTER TABLE users ADD COLUMN note text;
ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;
CREATE TABLE fresh (id bigint PRIMARY KEY);
ALTER TABLE fresh ADD COLUMN name text NOT NULL;
-- migrate:rollback
DROP TABLE fresh;
