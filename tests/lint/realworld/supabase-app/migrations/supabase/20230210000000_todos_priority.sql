-- migrate:expand
create type public.priority as enum ('low', 'medium', 'high');
alter table public.todos add column priority public.priority default 'medium';
-- migrate:rollback
alter table public.todos drop column if exists priority;
drop type if exists public.priority;
