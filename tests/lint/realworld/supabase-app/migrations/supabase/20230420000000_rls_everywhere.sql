-- Make sure every table in public has RLS on, whatever it is called.
-- migrate:expand
do $$
declare
  r record;
begin
  for r in select tablename from pg_tables where schemaname = 'public' loop
    execute format('alter table public.%I enable row level security', r.tablename); -- expect: not-understood
  end loop;
end
$$;

do $$
begin
  execute 'grant select on all tables in schema public to anon';
end
$$;
-- migrate:rollback irreversible
