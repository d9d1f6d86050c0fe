-- migrate:expand
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
CREATE TABLE scratch (id bigint);
DROP TABLE scratch;
-- Relaxations: the old code's writes still succeed.
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_age_check;
ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey, DROP CONSTRAINT orders_code_key;
-- Dropped and created again in the same transaction.
DROP VIEW report_v;
CREATE VIEW report_v AS SELECT id FROM users;
DROP FUNCTION touch();
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
DROP TYPE mood;
CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok');
-- A primary key swapped in one statement, and in one transaction.
ALTER TABLE users DROP CONSTRAINT users_pkey, ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_big;
ALTER TABLE orders DROP CONSTRAINT orders_pkey;
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_big;
-- Relations this migration made: CREATE TABLE AS, SELECT INTO, materialized views.
CREATE TABLE snapshot AS SELECT * FROM users;
DROP TABLE snapshot;
SELECT * INTO copy FROM users;
DROP TABLE copy;
CREATE MATERIALIZED VIEW mv AS SELECT 1 WITH NO DATA;
DROP MATERIALIZED VIEW mv;
CREATE VIEW helper_v AS SELECT 1;
DROP VIEW helper_v;
-- An enum replaced the way Prisma does it: the old type, renamed by this migration, goes.
CREATE TYPE "Role_new" AS ENUM ('ADMIN', 'MEMBER');
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
-- migrate:rollback
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- migrate:migrate
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;
-- migrate:rollback

-- migrate:contract
ALTER TABLE users DROP COLUMN legacy;
DROP TABLE old_stuff;
TRUNCATE audit;
-- migrate:rollback irreversible
