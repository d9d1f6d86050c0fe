-- migrate:migrate
UPDATE users SET plan = 'free' WHERE plan IS NULL; -- fires
DELETE FROM sessions WHERE expired; -- fires
-- migrate:backfill table=users key=id
UPDATE users SET plan = 'free' WHERE id > $1 AND id <= $2 AND plan IS NULL;
-- migrate:rollback

-- migrate:contract
DELETE FROM sessions WHERE expired; -- fires (and says it belongs to the migrate phase)
-- migrate:rollback irreversible
