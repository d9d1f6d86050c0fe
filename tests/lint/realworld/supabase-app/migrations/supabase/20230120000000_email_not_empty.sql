-- migrate:expand
alter domain public.email_address add constraint email_not_empty check (value <> ''); -- expect: domain-constraint-scan
-- migrate:rollback
alter domain public.email_address drop constraint if exists email_not_empty;
