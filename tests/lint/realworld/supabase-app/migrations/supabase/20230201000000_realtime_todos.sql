-- migrate:expand
alter publication supabase_realtime add table public.todos;
-- migrate:rollback
alter publication supabase_realtime drop table public.todos;
