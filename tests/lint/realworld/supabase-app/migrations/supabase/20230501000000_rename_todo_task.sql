-- migrate:expand
alter table public.todos rename column task to title; -- expect: breaking-rename
-- migrate:rollback
alter table public.todos rename column title to task; -- expect: breaking-rename
