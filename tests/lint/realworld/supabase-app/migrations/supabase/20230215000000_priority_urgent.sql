-- migrate:expand
alter type public.priority add value if not exists 'urgent';
update public.todos set priority = 'urgent' where task ilike '%asap%'; -- expect: enum-value-same-transaction, unbatched-dml
-- migrate:rollback irreversible
