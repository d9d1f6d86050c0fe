-- migrate:expand
alter table public.profiles add constraint profiles_username_not_null check (username is not null) not valid;
-- migrate:rollback
alter table public.profiles drop constraint if exists profiles_username_not_null;

-- migrate:migrate
alter table public.profiles validate constraint profiles_username_not_null;
alter table public.profiles alter column username set not null;
alter table public.profiles drop constraint profiles_username_not_null;
-- migrate:rollback
alter table public.profiles alter column username drop not null;
