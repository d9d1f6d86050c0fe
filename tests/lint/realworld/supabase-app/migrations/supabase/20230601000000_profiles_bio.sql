-- migrate:expand
begin;
set local lock_timeout = '5s';
alter table public.profiles add column bio text;
commit;
-- migrate:rollback
begin;
set local lock_timeout = '5s';
alter table public.profiles drop column if exists bio;
commit;
