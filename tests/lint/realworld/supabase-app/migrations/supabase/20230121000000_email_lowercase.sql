-- migrate:expand
alter domain public.email_address add constraint email_lowercase check (value = lower(value)) not valid;
-- migrate:rollback
alter domain public.email_address drop constraint if exists email_lowercase;
