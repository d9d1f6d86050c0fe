-- The trigram index takes long on the big instance: switch the timeouts off for it.
-- migrate:expand
set statement_timeout = 0; -- expect: lock-timeout-disabled
create index concurrently if not exists profiles_full_name_trgm_idx on public.profiles using gin (full_name extensions.gin_trgm_ops);
-- migrate:rollback
drop index concurrently if exists profiles_full_name_trgm_idx;
