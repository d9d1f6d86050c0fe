-- migrate:up
alter table invoices add constraint invoices_status_check check (status in ('draft', 'open', 'paid', 'void')); -- expect: constraint-not-valid

-- migrate:down
alter table invoices drop constraint invoices_status_check;
