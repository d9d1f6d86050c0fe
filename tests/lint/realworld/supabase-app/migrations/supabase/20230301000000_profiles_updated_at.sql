-- migrate:expand
create extension if not exists moddatetime schema extensions;

create trigger handle_updated_at before update on public.profiles
  for each row execute procedure moddatetime (updated_at);
-- migrate:rollback
drop trigger if exists handle_updated_at on public.profiles;
