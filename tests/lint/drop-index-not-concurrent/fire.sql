-- migrate:contract
DROP INDEX users_email_idx; -- fires
DROP INDEX IF EXISTS public.unknown_idx; -- fires
DROP INDEX CONCURRENTLY IF EXISTS other_idx;
-- migrate:rollback irreversible
