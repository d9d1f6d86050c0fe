-- migrate:migrate
UPDATE users SET plan = 'free' WHERE plan IS NULL; -- fires
DELETE FROM sessions WHERE expired; -- fires
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;
-- migrate:rollback

-- migrate:contract
DELETE FROM sessions WHERE expired; -- fires (and says it belongs to the migrate phase)
UPDATE plans SET name = 'x' WHERE name = 'y'; -- fires (name is not a key)
DELETE FROM currencies WHERE code LIKE 'X%'; -- fires
DELETE FROM sessions USING (VALUES (1)) v (x); -- fires (a VALUES list not joined to the table: every row)
UPDATE plans SET name = v.n FROM (VALUES ('a')) v (n) WHERE plans.name IS NULL OR true; -- fires
-- migrate:rollback irreversible
