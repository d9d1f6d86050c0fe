-- migrate:expand
create domain public.email_address as text
  check (value ~* '^[^@\s]+@[^@\s]+$');

-- A column of a domain with a CHECK is checked row by row: the table is rewritten.
alter table public.profiles add column contact_email public.email_address; -- expect: add-column-rewrite
-- migrate:rollback
alter table public.profiles drop column if exists contact_email;
drop domain if exists public.email_address;
