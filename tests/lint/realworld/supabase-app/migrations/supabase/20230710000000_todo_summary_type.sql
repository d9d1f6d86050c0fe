-- The composite type changes shape: dropped and created again with its function, in one transaction.
-- migrate:expand
drop function if exists public.todo_summary(uuid);
drop type if exists public.todo_summary;
create type public.todo_summary as (total bigint, done bigint, urgent bigint);
create or replace function public.todo_summary(uid uuid)
returns public.todo_summary
language sql
stable
security definer
set search_path = ''
as $$
  select count(*), count(*) filter (where is_complete), count(*) filter (where priority = 'urgent')
    from public.todos where user_id = uid;
$$;
-- migrate:rollback
drop function if exists public.todo_summary(uuid);
drop type if exists public.todo_summary;
