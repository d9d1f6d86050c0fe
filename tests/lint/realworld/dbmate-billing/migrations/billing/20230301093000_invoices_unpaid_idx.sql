-- migrate:up transaction:false
create index concurrently if not exists invoices_unpaid_idx on invoices (due_at) where status <> 'paid';

-- migrate:down transaction:false
drop index concurrently if exists invoices_unpaid_idx;
