-- migrate:expand
alter domain public.email_address add constraint email_max_length check (length(value) <= 320); -- expect: domain-constraint-scan
-- migrate:rollback
alter domain public.email_address drop constraint if exists email_max_length;
