-- migrate:expand
-- migrate:rollback

-- migrate:migrate
ALTER TABLE payments ADD COLUMN settled_at timestamptz; -- expect: schema-change-in-migrate
-- migrate:rollback
ALTER TABLE payments DROP COLUMN IF EXISTS settled_at;
