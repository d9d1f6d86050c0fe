-- PostgreSQL 18: uuidv7() is volatile, like gen_random_uuid(): every row gets its own value.
-- migrate:expand
ALTER TABLE events ADD COLUMN public_id uuid DEFAULT uuidv7(); -- expect: add-column-rewrite
-- migrate:rollback
ALTER TABLE events DROP COLUMN IF EXISTS public_id;
