-- migrate:allow prefer-jsonb reason="the payload is stored verbatim"
-- migrate:expand
CREATE INDEX users_name_idx ON users (name);
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
ALTER TABLE users ALTER COLUMN n TYPE bigint;
ALTER TABLE orders ADD COLUMN payload json;
CREATE TABLE "audit, log" (id bigint, at timestamp);
CREATE INDEX audit_at ON "audit, log" (at);
-- migrate:rollback
DROP INDEX users_name_idx;

-- migrate:migrate
-- migrate:allow unbatched-dml reason="orders has 12 rows"
UPDATE orders SET note = '{}' WHERE note IS NULL;
-- migrate:allow breaking-rename reason="nothing here renames"
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
-- migrate:rollback
