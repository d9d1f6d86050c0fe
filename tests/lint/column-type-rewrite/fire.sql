-- migrate:expand
ALTER TABLE accounts ALTER COLUMN id TYPE bigint; -- fires (integer to bigint)
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(10); -- fires (shorter)
ALTER TABLE accounts ALTER COLUMN n TYPE text USING n::text; -- fires (USING)
ALTER TABLE not_replayed ALTER COLUMN x TYPE text; -- warns (unknown source type: how to decide it)
ALTER TABLE accounts ALTER COLUMN created TYPE timestamptz; -- warns (free when the TimeZone is UTC)
ALTER TABLE accounts ALTER COLUMN code TYPE text;
-- migrate:rollback
ALTER TABLE accounts ALTER COLUMN code TYPE varchar(10); -- fires (the rollback narrows it again)
